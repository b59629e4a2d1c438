import numpy as np
import pytest
from fastapi.testclient import TestClient

from serving import app as serving_app


class ConstantModel:
    def __init__(self, p):
        self.p = p

    def predict_proba(self, X):
        return np.column_stack([1 - np.full(len(X), self.p), np.full(len(X), self.p)])


@pytest.fixture
def client(monkeypatch):
    index = {"i-1": [["i-2", 5], ["i-3", 2]], "i-2": [["i-1", 5]]}
    monkeypatch.setattr(serving_app, "load_model", lambda uri: (ConstantModel(0.8), index))
    with TestClient(serving_app.app) as test_client:
        yield test_client
