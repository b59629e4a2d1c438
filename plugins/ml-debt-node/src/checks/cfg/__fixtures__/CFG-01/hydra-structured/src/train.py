from dataclasses import dataclass

import hydra
from hydra.core.config_store import ConfigStore
from omegaconf import DictConfig
from sklearn.ensemble import GradientBoostingClassifier


@dataclass
class ModelConfig:
    learning_rate: float = 0.05
    n_estimators: int = 300


cs = ConfigStore.instance()
cs.store(name="model_schema", node=ModelConfig)


@hydra.main(config_path="../conf", config_name="config", version_base=None)
def main(cfg: DictConfig) -> None:
    model = GradientBoostingClassifier(**cfg.model)
    return model


if __name__ == "__main__":
    main()
