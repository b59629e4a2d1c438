import joblib
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI(title="churn-api")
model = joblib.load("models/churn.joblib")


class Customer(BaseModel):
    tenure: float
    spend: float


@app.post("/v1/score")
def score(customer: Customer) -> dict:
    proba = model.predict_proba([[customer.tenure, customer.spend]])[0, 1]
    return {"churn_probability": float(proba)}
