"""FastAPI entrypoint of the sentiment API."""
import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI, HTTPException
from prometheus_fastapi_instrumentator import Instrumentator

from app.model import SentimentModel
from app.schemas import SentimentRequest, SentimentResponse, SentimentResult
from app.settings import settings

logger = logging.getLogger("sentiment_api")
model = SentimentModel(settings)


@asynccontextmanager
async def lifespan(_: FastAPI):
    model.load()
    logger.info("loaded %s at revision %s", settings.model_name, settings.model_revision)
    yield


app = FastAPI(title="sentiment-api", version="1.3.0", lifespan=lifespan)
Instrumentator().instrument(app).expose(app, endpoint="/metrics")


@app.post("/v1/sentiment", response_model=SentimentResponse)
def classify(request: SentimentRequest) -> SentimentResponse:
    if not model.ready:
        raise HTTPException(status_code=503, detail="model is loading")
    results = [SentimentResult(label=label, confidence=conf) for label, conf in model.classify(request.texts)]
    return SentimentResponse(model_revision=settings.model_revision, results=results)


@app.get("/healthz")
def healthz() -> dict[str, bool]:
    return {"ready": model.ready}
