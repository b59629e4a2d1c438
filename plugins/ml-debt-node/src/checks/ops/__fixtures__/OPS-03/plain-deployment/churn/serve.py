import joblib
import pandas as pd
from fastapi import FastAPI
from pydantic import BaseModel

from churn.features import build_features

app = FastAPI()
model = joblib.load("models/churn.joblib")


class Customer(BaseModel):
    monthly_spend: float
    tenure_months: int


@app.post("/score")
def score(customer: Customer) -> dict:
    frame = build_features(pd.DataFrame([customer.model_dump()]))
    return {"churn_probability": float(model.predict_proba(frame)[0, 1])}
