import yaml
import torch
from torch import nn


def main():
    with open("params.yaml") as f:
        params = yaml.safe_load(f)["train"]
    model = nn.Linear(10, 1)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(params["epochs"]):
        optimizer.zero_grad()


if __name__ == "__main__":
    main()
