"""Train the churn classifier on the last 90 days of activity."""
import joblib
import pandas as pd
from sklearn.linear_model import LogisticRegression


def main() -> None:
    df = pd.read_parquet("data/activity.parquet")
    model = LogisticRegression(C=0.5, max_iter=500).fit(df.drop(columns=["churned"]), df["churned"])
    joblib.dump(model, "artifacts/model.joblib")


if __name__ == "__main__":
    main()
