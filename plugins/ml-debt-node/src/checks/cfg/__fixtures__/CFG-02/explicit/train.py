import torch
from sklearn.ensemble import RandomForestClassifier


def fit(X, y, cfg):
    forest = RandomForestClassifier(
        n_estimators=cfg.n_estimators,
        min_samples_leaf=cfg.min_samples_leaf,
    )
    forest.fit(X, y)
    return forest


def optimiser(model, cfg):
    return torch.optim.SGD(model.parameters(), lr=cfg.lr, momentum=0.9)
