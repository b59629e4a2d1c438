"""Evaluate the trained model on the hold-out month."""
import json

import joblib
import pandas as pd
from sklearn.metrics import roc_auc_score


def main() -> None:
    model = joblib.load("artifacts/model.joblib")
    holdout = pd.read_parquet("data/holdout.parquet")
    auc = roc_auc_score(holdout["churned"], model.predict_proba(holdout.drop(columns=["churned"]))[:, 1])
    json.dump({"auc": auc}, open("metrics/eval.json", "w"))


if __name__ == "__main__":
    main()
