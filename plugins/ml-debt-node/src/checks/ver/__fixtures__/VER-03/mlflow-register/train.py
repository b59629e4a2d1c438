import mlflow
import mlflow.sklearn
import pandas as pd
from sklearn.ensemble import RandomForestClassifier


def main() -> None:
    df = pd.read_parquet("data/customers.parquet")
    model = RandomForestClassifier(n_estimators=200, random_state=42)
    with mlflow.start_run() as run:
        model.fit(df.drop(columns=["churned"]), df["churned"])
        mlflow.sklearn.log_model(model, "model")
    mlflow.register_model(f"runs:/{run.info.run_id}/model", "churn")


if __name__ == "__main__":
    main()
