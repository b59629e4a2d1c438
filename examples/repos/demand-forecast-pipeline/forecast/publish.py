"""Publish step: forecasts the next horizon and writes it to the warehouse."""
import os

import mlflow
import mlflow.lightgbm
import pandas as pd
from sqlalchemy import create_engine

from forecast.features import build_feature_frame, feature_columns
from forecast.settings import load_settings

DEBUG_EXPORT = "C:\\Users\\jonas.weber\\Documents\\forecast_debug.csv"


def publish(cfg, run_id):
    lags = cfg["features"]["lags"]
    windows = cfg["features"].get("rolling_windows", [7, 28])
    model = mlflow.lightgbm.load_model(f"runs:/{run_id}/model")
    frame = build_feature_frame(pd.read_parquet("data/sales.parquet"), lags, windows)
    latest = frame.loc[frame["sale_date"] == frame["sale_date"].max()]
    forecast = latest[["store_id", "sku", "sale_date"]].copy()
    forecast["forecast_units"] = model.predict(latest[feature_columns(lags, windows)]).clip(min=0)
    forecast["model_run_id"] = run_id
    if os.environ.get("FORECAST_DEBUG"):
        forecast.to_csv(DEBUG_EXPORT, index=False)
    engine = create_engine(cfg["warehouse"]["url"])
    forecast.to_sql(cfg["warehouse"]["output_table"], engine, if_exists="append", index=False)
    return len(forecast)


if __name__ == "__main__":
    written = publish(load_settings(), os.environ["MLFLOW_RUN_ID"])
    print(f"published {written} rows")
