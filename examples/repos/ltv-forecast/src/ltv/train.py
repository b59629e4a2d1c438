"""Train the LTV regressor on one snapshot and log the run to MLflow."""
import argparse
import random
from pathlib import Path

import joblib
import mlflow
import numpy as np
import pandas as pd
from sklearn.dummy import DummyRegressor
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split

from ltv.config import Params, load_params
from ltv.features import FEATURES, training_frame

ORDERS_QUERY = """
SELECT customer_id, order_id, order_date, net_amount, refunded
FROM `acme-analytics.orders.orders`
WHERE order_date < DATE_ADD(@snapshot, INTERVAL @horizon DAY)
"""


def load_orders(params: Params) -> pd.DataFrame:
    config = {
        "query": {
            "parameterMode": "NAMED",
            "queryParameters": [
                {"name": "snapshot", "parameterType": {"type": "DATE"}, "parameterValue": {"value": str(params.snapshot_date)}},
                {"name": "horizon", "parameterType": {"type": "INT64"}, "parameterValue": {"value": str(params.horizon_days)}},
            ],
        }
    }
    orders = pd.read_gbq(ORDERS_QUERY, project_id=params.bq_project, configuration=config)
    return orders.assign(order_date=pd.to_datetime(orders["order_date"]))


def fit(frame: pd.DataFrame, params: Params):
    random.seed(params.seed)
    np.random.seed(params.seed)
    train, valid = train_test_split(frame, test_size=0.2, random_state=params.seed)
    model = GradientBoostingRegressor(random_state=params.seed, **params.model.model_dump())
    model.fit(train[FEATURES], train["log_value_12m"])
    baseline = DummyRegressor(strategy="mean").fit(train[FEATURES], train["log_value_12m"])
    metrics = {
        "valid_mae_log": mean_absolute_error(valid["log_value_12m"], model.predict(valid[FEATURES])),
        "baseline_mae_log": mean_absolute_error(valid["log_value_12m"], baseline.predict(valid[FEATURES])),
    }
    return model, metrics


def main(params_path: str) -> None:
    params = load_params(params_path)
    snapshot = pd.Timestamp(params.snapshot_date)
    frame = training_frame(load_orders(params), snapshot, params.horizon_days)
    mlflow.set_experiment("ltv-forecast")
    with mlflow.start_run():
        mlflow.log_params(params.model.model_dump() | {"seed": params.seed, "snapshot_date": str(params.snapshot_date)})
        model, metrics = fit(frame, params)
        mlflow.log_metrics(metrics)
        Path("artifacts").mkdir(exist_ok=True)
        joblib.dump(model, "artifacts/model.joblib")
        mlflow.log_artifact("artifacts/model.joblib")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--params", default="params.yaml")
    main(parser.parse_args().params)
