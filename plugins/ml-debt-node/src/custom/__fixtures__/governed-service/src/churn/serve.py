"""Serve churn scores over HTTP."""
import joblib
from fastapi import FastAPI

app = FastAPI()
model = joblib.load("models/churn.joblib")


@app.post("/score")
def score(features: dict) -> dict:
    return {"churn_probability": float(model.predict_proba([list(features.values())])[0][1])}
