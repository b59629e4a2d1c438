"""Fine-tune the moderation model and log it to MLflow."""
import argparse
import os
import random

import mlflow
import numpy as np
import torch
from safetensors.torch import save_file
from torch import nn

from moderation.config import TrainConfig, load_config
from moderation.data import ListingImages, load_manifest, make_loader
from moderation.model import build_model
from moderation.transforms import eval_transform, train_transform


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.cuda.manual_seed_all(seed)
    torch.use_deterministic_algorithms(True, warn_only=True)


def train(cfg: TrainConfig) -> nn.Module:
    seed_everything(cfg.seed)
    manifest = load_manifest(cfg.labels_path)
    train_ds = ListingImages(manifest[manifest["split"] == "train"], cfg.image_root, train_transform(cfg.image_size))
    valid_ds = ListingImages(manifest[manifest["split"] == "valid"], cfg.image_root, eval_transform(cfg.image_size))
    train_loader = make_loader(train_ds, cfg.batch_size, cfg.num_workers, cfg.seed, shuffle=True)
    valid_loader = make_loader(valid_ds, cfg.batch_size, cfg.num_workers, cfg.seed, shuffle=False)

    model = build_model()
    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
    pos_weight = torch.tensor((1 - manifest["label"].mean()) / manifest["label"].mean())
    criterion = nn.BCEWithLogitsLoss(pos_weight=pos_weight)

    mlflow.set_experiment("image-moderation")
    with mlflow.start_run():
        mlflow.log_params(cfg.model_dump())
        for epoch in range(cfg.epochs):
            model.train()
            for images, labels in train_loader:
                optimizer.zero_grad()
                loss = criterion(model(images).squeeze(-1), labels)
                if not torch.isfinite(loss):
                    raise FloatingPointError(f"non-finite loss at epoch {epoch}")
                loss.backward()
                nn.utils.clip_grad_norm_(model.parameters(), max_norm=5.0)
                optimizer.step()
            model.eval()
            valid_loss, batches = 0.0, 0
            with torch.no_grad():
                for images, labels in valid_loader:
                    valid_loss += criterion(model(images).squeeze(-1), labels).item()
                    batches += 1
            mlflow.log_metric("valid_loss", valid_loss / max(batches, 1), step=epoch)

        os.makedirs("artifacts", exist_ok=True)
        save_file(model.state_dict(), "artifacts/model.safetensors")
        mlflow.log_artifact("artifacts/model.safetensors")
        mlflow.pytorch.log_model(model, "model", registered_model_name=cfg.registered_model)
    return model


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", default="conf/train.yaml")
    train(load_config(parser.parse_args().config))
