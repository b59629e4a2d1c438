"""Training entrypoint: fit the pipeline, pick the decision threshold, log to MLflow.

Run through DVC (`dvc repro train`) or directly: `python -m credit_risk.train`.
"""
import json
import random
from datetime import datetime, timezone
from pathlib import Path

import hydra
import mlflow
import mlflow.sklearn
import numpy as np
import pandas as pd
from omegaconf import DictConfig, OmegaConf
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

from credit_risk.config import TrainConfig
from credit_risk.features import FEATURE_COLUMNS, SLICE_ONLY_COLUMNS, build_pipeline

READ_DTYPES = {
    "application_id": "string",
    "amount": "float64",
    "term_months": "int64",
    "income_monthly": "float64",
    "existing_debt": "float64",
    "bureau_score": "float64",
    "employment_years": "float64",
    "region": "category",
    "channel": "category",
    "age_band": "category",
    "defaulted_12m": "int64",
}


def set_seed(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)


def load_applications(path: str) -> pd.DataFrame:
    return pd.read_csv(path, dtype=READ_DTYPES, usecols=list(READ_DTYPES))


def split(df: pd.DataFrame, cfg: TrainConfig):
    train_valid, test = train_test_split(
        df, test_size=cfg.data.test_size, stratify=df[cfg.data.target], random_state=cfg.seed
    )
    train, valid = train_test_split(
        train_valid,
        test_size=cfg.data.valid_size,
        stratify=train_valid[cfg.data.target],
        random_state=cfg.seed,
    )
    return train, valid, test


def choose_threshold(y_true: np.ndarray, proba: np.ndarray, max_bad_rate: float) -> float:
    """Highest threshold whose approved population keeps the bad rate under max_bad_rate."""
    order = np.argsort(proba)
    bad_rate = np.cumsum(y_true[order]) / np.arange(1, len(order) + 1)
    admissible = np.flatnonzero(bad_rate <= max_bad_rate)
    if admissible.size == 0:
        return float(proba.min())
    return float(proba[order][admissible.max()])


def train(cfg: TrainConfig, df: pd.DataFrame):
    set_seed(cfg.seed)
    train_df, valid_df, test_df = split(df, cfg)
    estimator = HistGradientBoostingClassifier(
        learning_rate=cfg.model.learning_rate,
        max_iter=cfg.model.max_iter,
        max_leaf_nodes=cfg.model.max_leaf_nodes,
        min_samples_leaf=cfg.model.min_samples_leaf,
        l2_regularization=cfg.model.l2_regularization,
        early_stopping=cfg.model.early_stopping,
        random_state=cfg.seed,
    )
    pipeline = build_pipeline(estimator)
    pipeline.fit(train_df[FEATURE_COLUMNS], train_df[cfg.data.target])

    valid_proba = pipeline.predict_proba(valid_df[FEATURE_COLUMNS])[:, 1]
    if not np.isfinite(valid_proba).all():
        raise ValueError("model produced non-finite probabilities on the validation set")
    threshold = choose_threshold(valid_df[cfg.data.target].to_numpy(), valid_proba, cfg.decision.max_bad_rate)
    meta = {
        "decision_threshold": threshold,
        "review_margin": cfg.decision.review_margin,
        "trained_at": datetime.now(timezone.utc).isoformat(),
        "valid_auc": float(roc_auc_score(valid_df[cfg.data.target], valid_proba)),
    }
    return pipeline, meta, test_df


def log_and_save(cfg: TrainConfig, pipeline, meta: dict, test_df: pd.DataFrame, data_version: str) -> str:
    out = Path(cfg.artifacts_dir)
    out.mkdir(parents=True, exist_ok=True)
    mlflow.set_experiment(cfg.mlflow.experiment)
    with mlflow.start_run() as run:
        mlflow.log_params(OmegaConf.to_container(OmegaConf.structured(cfg), resolve=True) | {"data_version": data_version})
        mlflow.log_metric("valid_auc", meta["valid_auc"])
        mlflow.log_metric("decision_threshold", meta["decision_threshold"])
        mlflow.sklearn.log_model(pipeline, "model", metadata=meta, input_example=test_df[FEATURE_COLUMNS].head(3))
        test_df[FEATURE_COLUMNS + SLICE_ONLY_COLUMNS + [cfg.data.target]].to_csv(out / "test.csv", index=False)
        (out / "run.json").write_text(json.dumps({"run_id": run.info.run_id, **meta}, indent=2))
        return run.info.run_id


@hydra.main(config_path="../../conf", config_name="config", version_base="1.3")
def main(hcfg: DictConfig) -> None:
    cfg: TrainConfig = OmegaConf.to_object(hcfg)
    df = load_applications(cfg.data.path)
    pipeline, meta, test_df = train(cfg, df)
    data_version = Path("data/raw/applications.csv.dvc").read_text().split("md5: ")[1].split()[0]
    log_and_save(cfg, pipeline, meta, test_df, data_version)


if __name__ == "__main__":
    main()
