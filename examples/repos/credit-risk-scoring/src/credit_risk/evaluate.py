"""Pre-release quality gate.

Blocks registration unless the candidate beats a DummyClassifier baseline, clears absolute
AUC floors overall and on every slice, and does not regress against the serving version.
"""
import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import mlflow
import mlflow.sklearn
import numpy as np
import pandas as pd
from fairlearn.metrics import MetricFrame, count
from hydra import compose, initialize
from omegaconf import OmegaConf
from sklearn.dummy import DummyClassifier
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score

from credit_risk.config import GateConfig, TrainConfig
from credit_risk.features import FEATURE_COLUMNS
from credit_risk.train import READ_DTYPES

TEST_DTYPES = {k: v for k, v in READ_DTYPES.items() if k != "application_id"}


@dataclass
class GateReport:
    auc: float
    baseline_auc: float
    pr_auc: float
    brier: float
    slice_auc: dict = field(default_factory=dict)
    slice_mean_pd: dict = field(default_factory=dict)
    slice_count: dict = field(default_factory=dict)
    failures: list = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


def _safe_auc(y_true, y_score) -> float:
    return float(roc_auc_score(y_true, y_score)) if len(np.unique(y_true)) == 2 else float("nan")


def _mean_pd(y_true, y_score) -> float:
    return float(np.mean(y_score))


def quality_gate(pipeline, test: pd.DataFrame, target: str, gate: GateConfig, serving_auc=None) -> GateReport:
    X, y = test[FEATURE_COLUMNS], test[target].to_numpy()
    proba = pipeline.predict_proba(X)[:, 1]
    if not np.isfinite(proba).all():
        raise ValueError("candidate produced non-finite probabilities")
    baseline = DummyClassifier(strategy="prior").fit(X, y)
    report = GateReport(
        auc=_safe_auc(y, proba),
        baseline_auc=_safe_auc(y, baseline.predict_proba(X)[:, 1]),
        pr_auc=float(average_precision_score(y, proba)),
        brier=float(brier_score_loss(y, proba)),
    )
    if report.auc < gate.min_auc:
        report.failures.append(f"auc {report.auc:.3f} below floor {gate.min_auc}")
    if report.auc - report.baseline_auc < gate.min_lift_over_baseline:
        report.failures.append(f"lift over baseline {report.auc - report.baseline_auc:.3f} too small")
    if serving_auc is not None and report.auc < serving_auc - gate.max_regression:
        report.failures.append(f"regresses against serving model ({report.auc:.3f} vs {serving_auc:.3f})")

    for column in gate.slices:
        frame = MetricFrame(
            metrics={"auc": _safe_auc, "mean_pd": _mean_pd, "count": count},
            y_true=y,
            y_pred=proba,
            sensitive_features=test[column],
        )
        by_group = frame.by_group
        report.slice_auc[column] = by_group["auc"].to_dict()
        report.slice_mean_pd[column] = by_group["mean_pd"].to_dict()
        report.slice_count[column] = by_group["count"].to_dict()
        for group, value in by_group["auc"].items():
            if np.isfinite(value) and value < gate.min_slice_auc:
                report.failures.append(f"slice {column}={group} auc {value:.3f} below {gate.min_slice_auc}")
    return report


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config-name", default="config")
    parser.add_argument("--serving-version", type=int, help="registered version currently serving traffic")
    parser.add_argument("--register", action="store_true", help="register the candidate if the gate passes")
    args = parser.parse_args()

    with initialize(config_path="../../conf", version_base="1.3"):
        cfg: TrainConfig = OmegaConf.to_object(compose(config_name=args.config_name))
    artifacts = Path(cfg.artifacts_dir)
    run = json.loads((artifacts / "run.json").read_text())
    test_path = artifacts / "test.csv"
    test = pd.read_csv(test_path, dtype=TEST_DTYPES)
    candidate = mlflow.sklearn.load_model(f"runs:/{run['run_id']}/model")

    serving_auc = None
    if args.serving_version:
        serving = mlflow.sklearn.load_model(f"models:/{cfg.mlflow.registered_model}/{args.serving_version}")
        serving_auc = _safe_auc(test[cfg.data.target], serving.predict_proba(test[FEATURE_COLUMNS])[:, 1])

    report = quality_gate(candidate, test, cfg.data.target, cfg.gate, serving_auc)
    Path("metrics").mkdir(exist_ok=True)
    Path("metrics/eval.json").write_text(json.dumps(report.__dict__ | {"passed": report.passed}, indent=2, default=str))
    with mlflow.start_run(run_id=run["run_id"]):
        mlflow.log_metrics({"test_auc": report.auc, "test_pr_auc": report.pr_auc, "test_brier": report.brier})
        mlflow.log_dict(report.__dict__, "gate_report.json")

    if not report.passed:
        print("quality gate FAILED:\n  " + "\n  ".join(report.failures), file=sys.stderr)
        return 1
    if args.register:
        version = mlflow.register_model(f"runs:/{run['run_id']}/model", cfg.mlflow.registered_model)
        print(f"registered {cfg.mlflow.registered_model} version {version.version}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
