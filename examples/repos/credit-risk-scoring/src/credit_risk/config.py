"""Typed configuration schema, registered with Hydra's ConfigStore.

Values live in conf/config.yaml; this schema makes Hydra reject unknown keys and wrong types.
"""
from dataclasses import dataclass, field

from hydra.core.config_store import ConfigStore


@dataclass
class DataConfig:
    path: str = "data/raw/applications.csv"
    target: str = "defaulted_12m"
    test_size: float = 0.2
    valid_size: float = 0.1


@dataclass
class ModelConfig:
    learning_rate: float = 0.05
    max_iter: int = 400
    max_leaf_nodes: int = 31
    min_samples_leaf: int = 50
    l2_regularization: float = 1.0
    early_stopping: bool = True


@dataclass
class DecisionConfig:
    max_bad_rate: float = 0.04
    review_margin: float = 0.05


@dataclass
class GateConfig:
    min_auc: float = 0.75
    min_lift_over_baseline: float = 0.2
    min_slice_auc: float = 0.7
    max_regression: float = 0.01
    slices: list[str] = field(default_factory=lambda: ["region", "age_band", "channel"])


@dataclass
class MlflowConfig:
    experiment: str = "credit-risk"
    registered_model: str = "credit-risk"


@dataclass
class TrainConfig:
    seed: int = 20240611
    data: DataConfig = field(default_factory=DataConfig)
    model: ModelConfig = field(default_factory=ModelConfig)
    decision: DecisionConfig = field(default_factory=DecisionConfig)
    gate: GateConfig = field(default_factory=GateConfig)
    mlflow: MlflowConfig = field(default_factory=MlflowConfig)
    artifacts_dir: str = "artifacts"


ConfigStore.instance().store(name="train_schema", node=TrainConfig)
