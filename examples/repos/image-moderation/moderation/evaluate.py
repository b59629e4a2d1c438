"""Release gate: absolute floors, comparison with the serving version and an always-allow baseline."""
import argparse
import json
import os
import sys

import mlflow
import numpy as np
import torch
from safetensors.torch import load_file
from sklearn.metrics import average_precision_score, recall_score, roc_auc_score

from moderation.config import TrainConfig, load_config
from moderation.data import ListingImages, load_manifest, make_loader
from moderation.model import build_model, unsafe_probability
from moderation.transforms import eval_transform

OPERATING_POINT = 0.8


def score_split(model, cfg: TrainConfig):
    manifest = load_manifest(cfg.labels_path)
    test = ListingImages(manifest[manifest["split"] == "test"], cfg.image_root, eval_transform(cfg.image_size))
    probs, labels = [], []
    for images, batch_labels in make_loader(test, cfg.batch_size, cfg.num_workers, cfg.seed, shuffle=False):
        probs.append(unsafe_probability(model, images).numpy())
        labels.append(batch_labels.numpy())
    return np.concatenate(labels), np.concatenate(probs)


def gate(cfg: TrainConfig, labels: np.ndarray, probs: np.ndarray, previous_auc) -> dict:
    auc = roc_auc_score(labels, probs)
    baseline_auc = roc_auc_score(labels, np.zeros_like(probs))
    recall = recall_score(labels, probs >= OPERATING_POINT)
    failures = []
    if not np.isfinite(probs).all():
        failures.append("non-finite probabilities")
    if auc < cfg.min_auc or auc <= baseline_auc:
        failures.append(f"auc {auc:.4f} below floor {cfg.min_auc} or baseline {baseline_auc:.2f}")
    if recall < cfg.min_recall_at_operating_point:
        failures.append(f"recall {recall:.3f} below {cfg.min_recall_at_operating_point}")
    if previous_auc is not None and auc < previous_auc - cfg.max_auc_drop_vs_previous:
        failures.append(f"auc {auc:.4f} regresses against serving version ({previous_auc:.4f})")
    return {
        "auc": auc,
        "pr_auc": average_precision_score(labels, probs),
        "recall_at_operating_point": recall,
        "baseline_auc": baseline_auc,
        "previous_auc": previous_auc,
        "failures": failures,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", default="conf/train.yaml")
    parser.add_argument("--previous-version", type=int, default=int(os.environ.get("SERVING_MODEL_VERSION", "0")))
    args = parser.parse_args()
    config = load_config(args.config)
    candidate = build_model(pretrained=False)
    candidate.load_state_dict(load_file("artifacts/model.safetensors"))
    y, p = score_split(candidate, config)
    prev_auc = None
    if args.previous_version:
        previous = mlflow.pytorch.load_model(f"models:/{config.registered_model}/{args.previous_version}")
        prev_auc = roc_auc_score(*score_split(previous, config))
    report = gate(config, y, p, prev_auc)
    os.makedirs("metrics", exist_ok=True)
    with open("metrics/eval.json", "w") as fh:
        json.dump(report, fh, indent=2)
    sys.exit(1 if report["failures"] else 0)
