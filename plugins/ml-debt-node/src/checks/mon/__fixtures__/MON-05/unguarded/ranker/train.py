"""Train the re-ranking model."""
import torch
from torch import nn


def train(model: nn.Module, loader, epochs: int = 5) -> nn.Module:
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4)
    for _ in range(epochs):
        for features, labels in loader:
            optimizer.zero_grad()
            loss = nn.functional.binary_cross_entropy_with_logits(model(features), labels)
            # TODO: add a torch.isnan(loss) check and clip_grad_norm_
            loss.backward()
            optimizer.step()
    print("done; remember torch.isfinite before release")
    return model
