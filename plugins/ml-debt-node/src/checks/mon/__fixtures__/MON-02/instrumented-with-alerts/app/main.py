"""Sentiment scoring API."""
import joblib
from fastapi import FastAPI
from prometheus_fastapi_instrumentator import Instrumentator
from pydantic import BaseModel

app = FastAPI(title="sentiment")
Instrumentator().instrument(app).expose(app)
model = joblib.load("model/pipeline.joblib")


class Review(BaseModel):
    text: str


@app.post("/predict")
def predict(review: Review) -> dict:
    return {"positive": float(model.predict_proba([review.text])[0, 1])}
