"""Train step: fits the LightGBM demand model and logs it to MLflow."""
import lightgbm as lgb
import mlflow
import mlflow.lightgbm
import numpy as np
import pandas as pd
from sklearn.metrics import mean_absolute_error, mean_squared_error

from forecast.features import build_feature_frame, feature_columns, split_by_date
from forecast.settings import load_settings

SEED = 42


def train(cfg):
    np.random.seed(SEED)
    lags = cfg["features"]["lags"]
    windows = cfg["features"].get("rolling_windows", [7, 28])
    frame = build_feature_frame(pd.read_parquet("data/sales.parquet"), lags, windows)
    cutoff = frame["sale_date"].max() - pd.Timedelta(days=cfg["horizon_days"])
    train_df, valid_df = split_by_date(frame, cutoff)
    cols = feature_columns(lags, windows)

    # TODO: read these from config.yaml once the dev and prod configs agree
    model = lgb.LGBMRegressor(
        objective="tweedie",
        learning_rate=0.05,
        n_estimators=500,
        max_depth=8,
        num_leaves=63,
        subsample=0.8,
        colsample_bytree=0.8,
        random_state=SEED,
    )

    mlflow.set_tracking_uri(cfg["mlflow"]["tracking_uri"])
    mlflow.set_experiment(cfg["mlflow"]["experiment"])
    with mlflow.start_run():
        model.fit(train_df[cols], train_df["units"], eval_set=[(valid_df[cols], valid_df["units"])])
        preds = model.predict(valid_df[cols])
        mlflow.log_params(model.get_params())
        mlflow.log_metric("valid_rmse", mean_squared_error(valid_df["units"], preds) ** 0.5)
        mlflow.log_metric("valid_mae", mean_absolute_error(valid_df["units"], preds))
        mlflow.lightgbm.log_model(model, artifact_path="model")
    return model


if __name__ == "__main__":
    train(load_settings())
