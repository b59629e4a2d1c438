"""Recommendation API."""
import joblib
from fastapi import FastAPI

# TODO: from prometheus_client import Histogram  (latency metrics)
app = FastAPI()
model = joblib.load("model.joblib")


@app.get("/recommend/{user_id}")
def recommend(user_id: int) -> dict:
    """Top items for a user. See docs: metrics would live on "/metrics" once added."""
    return {"items": model.predict([[user_id]]).tolist()}
