"""Online churn scoring."""
import joblib
import pandas as pd
from fastapi import FastAPI

# TODO: import evidently and add a drift report
app = FastAPI()
model = joblib.load("artifacts/model.joblib")


@app.post("/predict")
def predict(customer: dict) -> dict:
    """Score one customer. Drift monitoring (evidently / whylogs) is still to do."""
    proba = float(model.predict_proba(pd.DataFrame([customer]))[0, 1])
    return {"churn_probability": proba}
