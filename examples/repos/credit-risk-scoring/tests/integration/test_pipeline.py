"""End-to-end run of train -> log -> gate -> register on a small synthetic dataset."""
import json

import mlflow
import mlflow.models
import mlflow.sklearn
import pytest

from credit_risk.evaluate import quality_gate
from credit_risk.train import log_and_save, train

pytestmark = pytest.mark.integration


def test_pipeline_end_to_end(tmp_path, cfg, applications, monkeypatch):
    mlflow.set_tracking_uri(f"sqlite:///{tmp_path}/mlflow.db")
    monkeypatch.chdir(tmp_path)

    pipeline, meta, test = train(cfg, applications)
    run_id = log_and_save(cfg, pipeline, meta, test, data_version="synthetic")

    logged = mlflow.sklearn.load_model(f"runs:/{run_id}/model")
    report = quality_gate(logged, test, cfg.data.target, cfg.gate)
    auc = report.auc
    assert auc >= 0.75
    assert report.passed, report.failures

    version = mlflow.register_model(f"runs:/{run_id}/model", cfg.mlflow.registered_model)
    assert int(version.version) == 1
    info = mlflow.models.get_model_info(f"models:/{cfg.mlflow.registered_model}/1")
    assert 0.0 < info.metadata["decision_threshold"] < 1.0
    saved = json.loads((tmp_path / cfg.artifacts_dir / "run.json").read_text())
    assert saved["run_id"] == run_id
