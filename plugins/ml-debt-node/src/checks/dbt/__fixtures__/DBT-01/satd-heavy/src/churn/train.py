"""Training entry point.

TODO: split this script into a data step and a training step.
"""
import pandas as pd
from sklearn.linear_model import LogisticRegression

from churn.features import build_features


def train(path: str) -> LogisticRegression:
    df = build_features(pd.read_csv(path))
    # HACK: hard-coded regularisation strength until we add a config file
    model = LogisticRegression(C=0.3, max_iter=500)
    model.fit(df[["tenure_years", "log_monthly"]], df["churned"])
    return model


if __name__ == "__main__":
    train("data/churn.csv")
