"""Train the ranker on click pairs and log the run to Weights & Biases."""
import argparse
import os
from dataclasses import asdict

import torch
import wandb

from ranker.config import TrainConfig, load_config
from ranker.data import make_loader
from ranker.model import Ranker, pairwise_loss


def validate(model: Ranker, loader) -> float:
    correct, total = 0, 0
    with torch.no_grad():
        for (pq, pd_, px), (nq, nd, nx) in loader:
            correct += (model(pq, pd_, px) > model(nq, nd, nx)).sum().item()
            total += pq.shape[0]
    return correct / max(total, 1)


def train(cfg: TrainConfig) -> Ranker:
    run = wandb.init(project="search-ranking", config=asdict(cfg))
    train_loader = make_loader(cfg.train_path, cfg.vocab_buckets, cfg.batch_size)
    valid_loader = make_loader(cfg.valid_path, cfg.vocab_buckets, cfg.batch_size)
    model = Ranker(cfg.vocab_buckets, cfg.embedding_dim, cfg.hidden_size, cfg.dropout)
    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)

    step = 0
    for epoch in range(cfg.epochs):
        model.train()
        for (pq, pd_, px), (nq, nd, nx) in train_loader:
            loss = pairwise_loss(model(pq, pd_, px), model(nq, nd, nx))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.max_grad_norm)
            optimizer.step()
            step += 1
            if step % 100 == 0:
                wandb.log({"train/loss": loss.item(), "epoch": epoch}, step=step)
        wandb.log({"valid/pairwise_accuracy": validate(model, valid_loader)}, step=step)

    os.makedirs(os.path.dirname(cfg.checkpoint), exist_ok=True)
    torch.save(model.state_dict(), cfg.checkpoint)
    artifact = wandb.Artifact("ranker", type="model", metadata=asdict(cfg))
    artifact.add_file(cfg.checkpoint)
    run.log_artifact(artifact)
    run.finish()
    return model


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", default="configs/train.yaml")
    train(load_config(parser.parse_args().config))
