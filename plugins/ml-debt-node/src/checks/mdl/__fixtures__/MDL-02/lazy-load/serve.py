import joblib
from fastapi import FastAPI

app = FastAPI()
_model = None


def get_model():
    global _model
    if _model is None:
        _model = joblib.load("models/fraud.joblib")
    return _model


@app.post("/predict")
def predict(features: list[float]) -> dict:
    return {"fraud": int(get_model().predict([features])[0])}
