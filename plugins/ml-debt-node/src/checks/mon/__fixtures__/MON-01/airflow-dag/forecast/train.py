"""Train the churn classifier on the monthly customer snapshot."""
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.model_selection import train_test_split
import joblib


def main() -> None:
    df = pd.read_parquet("data/customers.parquet")
    X, y = df.drop(columns=["churned"]), df["churned"]
    X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=7)
    model = GradientBoostingClassifier(random_state=7).fit(X_train, y_train)
    joblib.dump(model, "artifacts/model.joblib")


if __name__ == "__main__":
    main()
