"""Validated training configuration (conf/train.yaml)."""
import yaml
from pydantic import BaseModel, Field


class TrainConfig(BaseModel):
    seed: int
    labels_path: str
    image_root: str
    image_size: int = Field(gt=0)
    batch_size: int = Field(gt=0)
    epochs: int = Field(gt=0)
    lr: float = Field(gt=0)
    weight_decay: float = Field(ge=0)
    num_workers: int = Field(ge=0)
    min_auc: float = Field(gt=0, le=1)
    min_recall_at_operating_point: float = Field(gt=0, le=1)
    max_auc_drop_vs_previous: float = Field(ge=0)
    registered_model: str


def load_config(path: str) -> TrainConfig:
    with open(path) as fh:
        return TrainConfig(**yaml.safe_load(fh))
