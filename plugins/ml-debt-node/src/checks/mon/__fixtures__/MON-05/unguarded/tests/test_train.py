import torch

from ranker.train import train


def test_loss_stays_finite(tiny_loader, tiny_model):
    train(tiny_model, tiny_loader, epochs=1)
    assert all(torch.isfinite(p).all() for p in tiny_model.parameters())
