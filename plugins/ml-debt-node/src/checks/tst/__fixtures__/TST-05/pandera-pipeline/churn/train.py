import joblib
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier

from churn.schemas import CUSTOMERS


def main() -> None:
    frame = CUSTOMERS.validate(pd.read_parquet("data/customers.parquet"))
    model = GradientBoostingClassifier(random_state=7)
    model.fit(frame.drop(columns=["churned", "customer_id"]), frame["churned"])
    joblib.dump(model, "models/churn.joblib")


if __name__ == "__main__":
    main()
