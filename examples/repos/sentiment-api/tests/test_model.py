import math

import pytest

from app.model import SentimentModel
from app.settings import Settings


class FakePipeline:
    def __init__(self, outputs):
        self.outputs = outputs

    def __call__(self, texts, batch_size):
        return self.outputs[: len(texts)]


def test_classify_before_load_raises():
    with pytest.raises(RuntimeError):
        SentimentModel(Settings()).classify(["hello"])


def test_labels_are_mapped_to_names():
    model = SentimentModel(Settings())
    model._pipe = FakePipeline([{"label": "LABEL_2", "score": 0.91}])
    assert model.classify(["love it"]) == [("positive", 0.91)]


def test_non_finite_confidence_is_rejected():
    model = SentimentModel(Settings())
    model._pipe = FakePipeline([{"label": "LABEL_0", "score": math.nan}])
    with pytest.raises(ValueError):
        model.classify(["meh"])


def test_revision_is_pinned_by_default():
    assert Settings().model_revision.startswith("v")
