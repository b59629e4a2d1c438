"""Validated run parameters (params.yaml)."""
from datetime import date

import yaml
from pydantic import BaseModel, Field


class ModelParams(BaseModel):
    n_estimators: int = Field(gt=0)
    learning_rate: float = Field(gt=0, le=1)
    max_depth: int = Field(gt=0)
    subsample: float = Field(gt=0, le=1)
    loss: str = "huber"


class Params(BaseModel):
    seed: int
    snapshot_date: date
    horizon_days: int = Field(gt=0)
    bq_project: str
    model: ModelParams


def load_params(path: str) -> Params:
    with open(path) as fh:
        return Params(**yaml.safe_load(fh))
