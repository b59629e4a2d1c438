"""Evaluates a hub revision on the held-out test split."""
import argparse
import json

from datasets import load_dataset
from sklearn.metrics import accuracy_score, f1_score

from app.model import SentimentModel
from app.settings import Settings

LABEL_IDS = {"negative": 0, "neutral": 1, "positive": 2}


def evaluate(revision: str, dataset_revision: str) -> dict:
    model = SentimentModel(Settings(model_revision=revision))
    model.load()
    test = load_dataset("acme/customer-reviews", split="test", revision=dataset_revision)
    predicted = [LABEL_IDS[label] for label, _ in model.classify(list(test["text"]))]
    return {
        "accuracy": accuracy_score(test["label"], predicted),
        "macro_f1": f1_score(test["label"], predicted, average="macro"),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--revision", required=True)
    parser.add_argument("--dataset-revision", default="2026.09.1")
    args = parser.parse_args()
    print(json.dumps(evaluate(args.revision, args.dataset_revision), indent=2))
