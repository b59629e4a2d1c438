import pandas as pd
from sklearn.linear_model import LogisticRegression

from churn.features import build_features


def train(df: pd.DataFrame) -> LogisticRegression:
    model = LogisticRegression(max_iter=500)
    model.fit(build_features(df), df["churned"])
    return model
