import joblib
from fastapi import FastAPI

app = FastAPI()
model = joblib.load("model.joblib")


@app.post("/predict")
def predict(tenure: float) -> dict:
    return {"churn": float(model.predict_proba([[tenure]])[0, 1])}
