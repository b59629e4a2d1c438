"""Credit scoring API: every decision is logged for skew and quality monitoring."""
import logging
import uuid

import joblib
import pandas as pd
from fastapi import FastAPI

logger = logging.getLogger("credit.predictions")
app = FastAPI()
model = joblib.load("artifacts/model.joblib")
MODEL_VERSION = "14"


@app.post("/score")
def score(application: dict) -> dict:
    request_id = str(uuid.uuid4())
    probability = float(model.predict_proba(pd.DataFrame([application]))[0, 1])
    logger.info(
        "scored",
        extra={"request_id": request_id, "model_version": MODEL_VERSION, "prediction": probability},
    )
    return {"request_id": request_id, "probability": probability}
