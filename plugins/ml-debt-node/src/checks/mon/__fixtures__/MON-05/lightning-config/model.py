"""Sequence model."""
import lightning as L
import torch
from torch import nn


class SequenceModel(L.LightningModule):
    def __init__(self, hidden: int, dropout: float) -> None:
        super().__init__()
        self.net = nn.Sequential(nn.LazyLinear(hidden), nn.ReLU(), nn.Dropout(dropout), nn.Linear(hidden, 1))

    def training_step(self, batch, _):
        x, y = batch
        return nn.functional.mse_loss(self.net(x).squeeze(-1), y)

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=1e-3)
