import joblib
from fastapi import FastAPI

app = FastAPI()
model = joblib.load("model.joblib")
FRAUD_THRESHOLD = 0.82


@app.post("/predict")
def predict(features: dict):
    proba = model.predict_proba([list(features.values())])[0, 1]
    review = proba >= 0.6
    return {"fraud": bool(proba > FRAUD_THRESHOLD), "review": bool(review)}
