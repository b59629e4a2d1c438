"""Churn scoring API."""
import logging

import joblib
import pandas as pd
from fastapi import FastAPI

logger = logging.getLogger(__name__)
app = FastAPI()
model = joblib.load("artifacts/model.joblib")
logger.info("prediction service started")


@app.post("/predict")
def predict(customer: dict) -> dict:
    logger.debug("prediction request received")
    pred = float(model.predict_proba(pd.DataFrame([customer]))[0, 1])
    print(pred)
    return {"churn_probability": pred}
