"""Typed training configuration, merged with a YAML file via OmegaConf."""
from dataclasses import dataclass

from omegaconf import OmegaConf


@dataclass
class TrainConfig:
    dataset_version: str = "???"
    train_path: str = "???"
    valid_path: str = "???"
    vocab_buckets: int = 2**18
    embedding_dim: int = 64
    hidden_size: int = 256
    dropout: float = 0.1
    lr: float = 3e-4
    weight_decay: float = 0.01
    batch_size: int = 512
    epochs: int = 4
    max_grad_norm: float = 1.0
    checkpoint: str = "artifacts/ranker.pt"


def load_config(path: str) -> TrainConfig:
    schema = OmegaConf.structured(TrainConfig)
    schema.merge_with(OmegaConf.load(path))
    return OmegaConf.to_object(schema)
