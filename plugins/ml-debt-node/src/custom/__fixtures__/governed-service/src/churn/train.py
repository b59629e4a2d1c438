"""Train the churn model and register it in MLflow."""
import argparse

import joblib
import mlflow
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier

SEED = 42


def train(features_path: str, model_path: str) -> None:
    frame = pd.read_parquet(features_path)
    labels = frame.pop("churned")
    model = GradientBoostingClassifier(random_state=SEED)
    with mlflow.start_run():
        mlflow.log_params(model.get_params())
        model.fit(frame, labels)
        joblib.dump(model, model_path)
        mlflow.log_artifact(model_path)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--features", required=True)
    parser.add_argument("--model", required=True)
    args = parser.parse_args()
    train(args.features, args.model)
