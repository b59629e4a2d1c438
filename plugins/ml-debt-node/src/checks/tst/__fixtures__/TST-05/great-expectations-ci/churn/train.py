import joblib
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier

from churn.features import build_features


def main() -> None:
    frame = build_features(pd.read_parquet("data/customers.parquet"))
    model = GradientBoostingClassifier(random_state=7)
    model.fit(frame.drop(columns=["churned"]), frame["churned"])
    joblib.dump(model, "models/churn.joblib")


if __name__ == "__main__":
    main()
