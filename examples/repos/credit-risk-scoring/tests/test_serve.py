import numpy as np
import pytest
from fastapi.testclient import TestClient

from credit_risk import serve
from credit_risk.features import FEATURE_COLUMNS
from credit_risk.train import train

APPLICATION = {
    "application_id": "a-1",
    "amount": 900,
    "term_months": 6,
    "income_monthly": 2500,
    "existing_debt": 400,
    "bureau_score": 720,
    "employment_years": 3,
    "region": "north",
}


@pytest.fixture
def client(monkeypatch, cfg, applications):
    pipeline, meta, _ = train(cfg, applications)
    monkeypatch.setattr(serve, "load", lambda uri: {"model": pipeline, "meta": meta, "version": "12"})
    with TestClient(serve.app) as test_client:
        yield test_client


def test_score_returns_probability_decision_and_version(client):
    body = client.post("/v1/score", json=APPLICATION).json()
    assert 0.0 <= body["probability_of_default"] <= 1.0
    assert body["decision"] in {"approve", "review", "decline"}
    assert body["model_version"] == "12"


def test_invalid_term_is_rejected(client):
    assert client.post("/v1/score", json=APPLICATION | {"term_months": 7}).status_code == 422


def test_decision_uses_threshold_from_model_metadata():
    meta = {"decision_threshold": 0.1, "review_margin": 0.05}
    assert serve.decide(0.08, meta) == "approve"
    assert serve.decide(0.12, meta) == "review"
    assert serve.decide(0.5, meta) == "decline"


def test_serving_uses_the_training_feature_columns():
    assert list(serve.FEATURE_COLUMNS) == FEATURE_COLUMNS


def test_predictions_are_logged(client, caplog):
    caplog.set_level("INFO", logger="credit_risk.predictions")
    client.post("/v1/score", json=APPLICATION)
    assert any('"prediction"' in record.message for record in caplog.records)


def test_metrics_endpoint(client):
    client.post("/v1/score", json=APPLICATION)
    text = client.get("/metrics/").text
    assert "credit_risk_scored_total" in text
    assert np.isfinite(float(text.split("credit_risk_model_age_seconds ")[1].split()[0]))
