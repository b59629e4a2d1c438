"""Quality gate: the candidate must beat a dummy baseline and the AUC floor."""
import sys

import joblib
import pandas as pd
from sklearn.dummy import DummyClassifier
from sklearn.metrics import average_precision_score, roc_auc_score

MIN_AUC = 0.75


def main() -> None:
    test = pd.read_parquet("data/test.parquet")
    x, y = test.drop(columns=["churned"]), test["churned"]
    model = joblib.load("models/churn.joblib")
    baseline = DummyClassifier(strategy="prior").fit(x, y)
    auc = roc_auc_score(y, model.predict_proba(x)[:, 1])
    baseline_auc = roc_auc_score(y, baseline.predict_proba(x)[:, 1])
    print({"auc": auc, "pr_auc": average_precision_score(y, model.predict_proba(x)[:, 1])})
    if auc < MIN_AUC or auc <= baseline_auc:
        sys.exit(f"AUC {auc:.3f} is below the floor or the baseline")


if __name__ == "__main__":
    main()
