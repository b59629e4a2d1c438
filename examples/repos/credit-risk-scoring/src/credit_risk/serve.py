"""Online scoring service.

Serves one immutable registered version (MODEL_URI, e.g. models:/credit-risk/12). The
decision threshold is read from that version's metadata, where training stored it.
"""
import json
import logging
import time
from contextlib import asynccontextmanager
from datetime import datetime, timezone
from typing import Literal

import mlflow.models
import mlflow.sklearn
import numpy as np
import pandas as pd
from fastapi import FastAPI, HTTPException
from prometheus_client import Counter, Gauge, Histogram, make_asgi_app
from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings

from credit_risk.features import FEATURE_COLUMNS, add_derived_features, assert_finite_inputs

prediction_logger = logging.getLogger("credit_risk.predictions")

SCORED = Counter("credit_risk_scored_total", "Applications scored", ["decision"])
REJECTED = Counter("credit_risk_rejected_inputs_total", "Requests rejected by input checks", ["reason"])
LATENCY = Histogram("credit_risk_latency_seconds", "Scoring latency")
MODEL_AGE = Gauge("credit_risk_model_age_seconds", "Seconds since the serving model was trained")


class ServeSettings(BaseSettings):
    model_uri: str = "models:/credit-risk/12"
    model_config = {"env_prefix": "", "protected_namespaces": ()}


class Application(BaseModel):
    application_id: str
    amount: float = Field(ge=0, le=20000)
    term_months: Literal[3, 6, 12, 24]
    income_monthly: float = Field(ge=0)
    existing_debt: float = Field(ge=0)
    bureau_score: int = Field(ge=300, le=850)
    employment_years: float = Field(ge=0, le=60)
    region: str
    channel: str = "web"


class Score(BaseModel):
    application_id: str
    probability_of_default: float
    decision: Literal["approve", "review", "decline"]
    model_version: str


state: dict = {}
settings = ServeSettings()


def load(uri: str) -> dict:
    model = mlflow.sklearn.load_model(uri)
    model_meta = mlflow.models.get_model_info(uri).metadata
    return {"model": model, "meta": model_meta, "version": uri.rsplit("/", 1)[-1]}


@asynccontextmanager
async def lifespan(_: FastAPI):
    state.update(load(settings.model_uri))
    yield


app = FastAPI(title="credit-risk-scoring", version="12.0.0", lifespan=lifespan)
app.mount("/metrics", make_asgi_app())


def decide(probability: float, model_meta: dict) -> str:
    threshold = model_meta["decision_threshold"]
    margin = model_meta["review_margin"]
    if probability <= threshold:
        return "approve"
    if probability <= threshold + margin:
        return "review"
    return "decline"


@app.post("/v1/score", response_model=Score)
def score(application: Application) -> Score:
    if "model" not in state:
        raise HTTPException(status_code=503, detail="model not loaded")
    started = time.perf_counter()
    frame = pd.DataFrame([application.model_dump()])[FEATURE_COLUMNS]
    try:
        assert_finite_inputs(frame)
    except ValueError as err:
        REJECTED.labels(reason="non_finite").inc()
        raise HTTPException(status_code=422, detail=str(err)) from err

    probability = float(state["model"].predict_proba(frame)[0, 1])
    if not np.isfinite(probability):
        REJECTED.labels(reason="non_finite_output").inc()
        raise HTTPException(status_code=500, detail="model returned a non-finite probability")
    decision = decide(probability, state["meta"])

    derived = add_derived_features(frame).iloc[0].to_dict()
    prediction_logger.info(json.dumps({"prediction": probability, "decision": decision, "application_id": application.application_id, "model_version": state["version"], "features": derived, "ts": datetime.now(timezone.utc).isoformat()}, default=str))
    trained_at = datetime.fromisoformat(state["meta"]["trained_at"])
    MODEL_AGE.set((datetime.now(timezone.utc) - trained_at).total_seconds())
    SCORED.labels(decision=decision).inc()
    LATENCY.observe(time.perf_counter() - started)
    return Score(
        application_id=application.application_id,
        probability_of_default=probability,
        decision=decision,
        model_version=state["version"],
    )


@app.get("/healthz")
def healthz() -> dict:
    return {"model_loaded": "model" in state, "model_version": state.get("version")}
