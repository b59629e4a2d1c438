"""Train the sequence model with Lightning; trainer options come from conf/trainer.yaml."""
import hydra
import lightning as L
import torch
from omegaconf import DictConfig

from model import SequenceModel


@hydra.main(config_path="conf", config_name="trainer", version_base=None)
def main(cfg: DictConfig) -> None:
    torch.manual_seed(0)
    trainer = L.Trainer(**cfg.trainer)
    trainer.fit(SequenceModel(**cfg.model))


if __name__ == "__main__":
    main()
