"""Request and response models of the sentiment API."""
from typing import Literal

from pydantic import BaseModel, Field

Label = Literal["negative", "neutral", "positive"]


class SentimentRequest(BaseModel):
    texts: list[str] = Field(min_length=1, max_length=64)


class SentimentResult(BaseModel):
    label: Label
    confidence: float = Field(ge=0.0, le=1.0)


class SentimentResponse(BaseModel):
    model_revision: str
    results: list[SentimentResult]
