import joblib
from fastapi import FastAPI

app = FastAPI()
model = None


@app.on_event("startup")
def load_model() -> None:
    global model
    model = joblib.load("models/fraud.joblib")


@app.post("/predict")
def predict(features: list[float]) -> dict:
    return {"fraud": int(model.predict([features])[0])}
