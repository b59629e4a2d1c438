import joblib
from fastapi import FastAPI

app = FastAPI()
model = joblib.load("model.joblib")


@app.post("/predict")
def predict(tenure: float, monthly_charges: float) -> dict:
    return {"churn": float(model.predict_proba([[tenure / 12, monthly_charges]])[0, 1])}
