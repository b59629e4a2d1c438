import pandas as pd
from sklearn.linear_model import LogisticRegression


def train(path: str) -> LogisticRegression:
    frame = pd.read_csv(path)
    model = LogisticRegression(max_iter=500)
    model.fit(frame.drop(columns=["churned"]), frame["churned"])
    return model
