from fastapi.testclient import TestClient

from churn.serve import app


def test_predict_returns_a_probability():
    response = TestClient(app).post("/predict", params={"tenure": 12, "monthly_charges": 50})
    assert 0 <= response.json()["churn"] <= 1
