import pytest
from fastapi.testclient import TestClient

from app import main


class StubModel:
    ready = True

    def load(self):
        pass

    def classify(self, texts):
        return [("neutral", 0.7) for _ in texts]


@pytest.fixture
def client(monkeypatch):
    monkeypatch.setattr(main, "model", StubModel())
    with TestClient(main.app) as test_client:
        yield test_client


def test_one_result_per_text(client):
    response = client.post("/v1/sentiment", json={"texts": ["ok", "fine"]})
    assert response.status_code == 200
    assert [r["label"] for r in response.json()["results"]] == ["neutral", "neutral"]


def test_empty_batch_is_rejected(client):
    assert client.post("/v1/sentiment", json={"texts": []}).status_code == 422


def test_metrics_are_exposed(client):
    assert "http_requests_total" in client.get("/metrics").text
