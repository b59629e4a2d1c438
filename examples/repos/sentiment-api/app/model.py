"""Loads the fine-tuned classifier at a pinned hub revision."""
import numpy as np
from transformers import pipeline, set_seed

from app.preprocess import normalise_text
from app.settings import Settings

LABELS = {"LABEL_0": "negative", "LABEL_1": "neutral", "LABEL_2": "positive"}


class SentimentModel:
    def __init__(self, settings: Settings):
        self.settings = settings
        self._pipe = None

    def load(self) -> None:
        set_seed(self.settings.seed)
        self._pipe = pipeline(
            "text-classification",
            model=self.settings.model_name,
            revision=self.settings.model_revision,
            truncation=True,
            max_length=self.settings.max_length,
        )

    @property
    def ready(self) -> bool:
        return self._pipe is not None

    def classify(self, texts: list[str]) -> list[tuple[str, float]]:
        if self._pipe is None:
            raise RuntimeError("model is not loaded")
        raw = self._pipe([normalise_text(t) for t in texts], batch_size=self.settings.max_batch_size)
        results = []
        for item in raw:
            confidence = float(item["score"])
            if not np.isfinite(confidence):
                raise ValueError(f"non-finite confidence for label {item['label']}")
            results.append((LABELS[item["label"]], confidence))
        return results
