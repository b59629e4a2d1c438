import pandas as pd
from sklearn.linear_model import LogisticRegression

from churn.features import build_features


def train(path: str, c: float) -> LogisticRegression:
    df = pd.read_csv(path)
    model = LogisticRegression(C=c, max_iter=500)
    # Regularisation strength comes from params.yaml via the CLI.
    model.fit(build_features(df), df["churned"])
    return model
