import pandas as pd
from joblib import dump

from churn.train import train


def run() -> None:
    model = train(pd.read_csv("data/customers.csv"))
    dump(model, "artifacts/model.joblib")
