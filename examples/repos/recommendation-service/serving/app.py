"""FastAPI app serving recommendations from the MLflow Production model."""
import json
import os
import pickle
import time
from contextlib import asynccontextmanager
from pathlib import Path

import mlflow
import numpy as np
from fastapi import FastAPI, HTTPException
from prometheus_client import Counter, Histogram, make_asgi_app
from pydantic import BaseModel, Field

MODEL_URI = os.environ.get("MODEL_URI", "models:/recsys/Production")

REQUESTS = Counter("recsys_requests_total", "Recommendation requests", ["status"])
LATENCY = Histogram("recsys_latency_seconds", "End-to-end recommendation latency")

state = {"model": None, "index": None}


class RecommendationRequest(BaseModel):
    user_id: str
    k: int = Field(default=10, ge=1, le=50)
    recent_item_ids: list[str] = []


class RecommendedItem(BaseModel):
    item_id: str
    score: float


class RecommendationResponse(BaseModel):
    items: list[RecommendedItem]


def load_model(uri: str):
    local = Path(mlflow.artifacts.download_artifacts(uri))
    with open(local / "model.pkl", "rb") as fh:
        model = pickle.load(fh)
    index = json.loads((local.parent / "candidates.json").read_text())
    return model, index


@asynccontextmanager
async def lifespan(_: FastAPI):
    state["model"], state["index"] = load_model(MODEL_URI)
    yield


app = FastAPI(title="recommendation-service", lifespan=lifespan)
app.mount("/metrics", make_asgi_app())


def preprocess_features(payload: dict, candidates: list) -> np.ndarray:
    # TODO: keep in sync with training/features.py
    rows = []
    for item in candidates:
        covisit = np.log1p(item.get("covisit_count") or 0)
        popularity = np.log1p(item.get("item_popularity_7d") or 0)
        price = min((item.get("item_price") or -1) / 500.0, 1.0)
        sessions = payload.get("user_sessions_30d") or -1
        views = np.log1p(item.get("user_item_views") or 0)
        age = min(item.get("days_since_item_added") or 0, 365)
        same_category = int(item.get("item_category") == payload.get("user_top_category"))
        rows.append([covisit, popularity, price, sessions, views, age, same_category])
    return np.asarray(rows, dtype=float)


def lookup_candidates(recent_item_ids: list) -> list:
    merged = {}
    for item in recent_item_ids:
        for other, count in state["index"].get(item, []):
            merged[other] = merged.get(other, 0) + count
    ranked = sorted(merged.items(), key=lambda kv: kv[1], reverse=True)[:100]
    return [{"item_id": item_id, "covisit_count": count} for item_id, count in ranked]


@app.post("/recommendations", response_model=RecommendationResponse)
def recommend(request: RecommendationRequest) -> RecommendationResponse:
    if state["model"] is None:
        REQUESTS.labels(status="unavailable").inc()
        raise HTTPException(status_code=503, detail="model not loaded")
    started = time.perf_counter()
    candidates = lookup_candidates(request.recent_item_ids)
    if not candidates:
        REQUESTS.labels(status="empty").inc()
        return RecommendationResponse(items=[])
    X = preprocess_features({"user_id": request.user_id}, candidates)
    probs = state["model"].predict_proba(X)[:, 1]
    items = []
    for candidate, score in sorted(zip(candidates, probs), key=lambda pair: pair[1], reverse=True):
        if score < 0.35:
            continue
        items.append(RecommendedItem(item_id=candidate["item_id"], score=float(score)))
    LATENCY.observe(time.perf_counter() - started)
    REQUESTS.labels(status="ok").inc()
    return RecommendationResponse(items=items[: request.k])


@app.get("/healthz")
def healthz() -> dict:
    return {"model_loaded": state["model"] is not None}
