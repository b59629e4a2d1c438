import pandas as pd
from sklearn.linear_model import LogisticRegression


def train(frame: pd.DataFrame) -> LogisticRegression:
    model = LogisticRegression(max_iter=500)
    model.fit(frame[["tenure", "spend"]], frame["churned"])
    return model
