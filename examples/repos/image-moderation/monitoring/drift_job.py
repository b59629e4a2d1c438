"""Nightly embedding drift check on the images moderated in the last 24 hours.

Embeds a reference sample and the recent images with the serving model's backbone and runs
an MMD two-sample test; the p-value and drift flag are pushed to the Pushgateway.
"""
import argparse

import numpy as np
import pandas as pd
import torch
from alibi_detect.cd import MMDDrift
from prometheus_client import CollectorRegistry, Gauge, push_to_gateway
from safetensors.torch import load_file

from moderation.data import ListingImages, make_loader
from moderation.model import build_model
from moderation.transforms import eval_transform


def embed(model, dataset, seed: int) -> np.ndarray:
    backbone = torch.nn.Sequential(model.features, model.avgpool, torch.nn.Flatten())
    backbone.eval()
    chunks = []
    with torch.no_grad():
        for images, _ in make_loader(dataset, batch_size=64, num_workers=4, seed=seed, shuffle=False):
            chunks.append(backbone(images).numpy())
    return np.concatenate(chunks)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--weights", required=True)
    parser.add_argument("--reference", required=True, help="manifest of the reference sample")
    parser.add_argument("--recent", required=True, help="manifest of yesterday's moderated images")
    parser.add_argument("--image-root", required=True)
    parser.add_argument("--pushgateway", default="prometheus-pushgateway.monitoring:9091")
    parser.add_argument("--seed", type=int, default=1234)
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    model = build_model(pretrained=False)
    model.load_state_dict(load_file(args.weights))
    transform = eval_transform(224)
    reference = embed(model, ListingImages(pd.read_csv(args.reference, dtype=str).assign(label=0), args.image_root, transform), args.seed)
    recent = embed(model, ListingImages(pd.read_csv(args.recent, dtype=str).assign(label=0), args.image_root, transform), args.seed)

    detector = MMDDrift(reference, backend="pytorch", p_val=0.01)
    result = detector.predict(recent)["data"]
    registry = CollectorRegistry()
    Gauge("moderation_embedding_drift", "1 if embedding drift detected", registry=registry).set(result["is_drift"])
    Gauge("moderation_embedding_drift_p_value", "MMD test p-value", registry=registry).set(result["p_val"])
    push_to_gateway(args.pushgateway, job="image-moderation-drift", registry=registry)


if __name__ == "__main__":
    main()
