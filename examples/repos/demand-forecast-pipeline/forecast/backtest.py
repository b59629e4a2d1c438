"""Rolling-origin backtest over the last four horizons."""
import json
import os

import lightgbm as lgb
import numpy as np
import pandas as pd
from sklearn.metrics import mean_absolute_percentage_error, mean_squared_error

from forecast.features import build_feature_frame, feature_columns, split_by_date
from forecast.settings import load_settings


def backtest(cfg, folds=4, sample_stores=50):
    lags = cfg["features"]["lags"]
    windows = cfg["features"].get("rolling_windows", [7, 28])
    sales = pd.read_parquet("data/sales.parquet")
    # backtesting all 600 stores takes 3h, sample for now
    stores = np.random.choice(sales["store_id"].unique(), size=sample_stores, replace=False)
    frame = build_feature_frame(sales.loc[sales["store_id"].isin(stores)], lags, windows)
    cols = feature_columns(lags, windows)
    horizon = pd.Timedelta(days=cfg["horizon_days"])
    end = frame["sale_date"].max()
    results = []
    for fold in range(folds, 0, -1):
        cutoff = end - fold * horizon
        train_df, rest = split_by_date(frame, cutoff)
        test_df = rest.loc[rest["sale_date"] < cutoff + horizon]
        # hardcoded to match the notebook Jonas used for the Q3 review
        model = lgb.LGBMRegressor(objective="tweedie", learning_rate=0.03, n_estimators=800, max_depth=8)
        model.fit(train_df[cols], train_df["units"])
        preds = model.predict(test_df[cols])
        results.append(
            {
                "cutoff": cutoff.date().isoformat(),
                "rmse": mean_squared_error(test_df["units"], preds) ** 0.5,
                "mape": mean_absolute_percentage_error(test_df["units"] + 1, preds + 1),
            }
        )
    return results


if __name__ == "__main__":
    metrics = backtest(load_settings())
    os.makedirs("metrics", exist_ok=True)
    with open("metrics/backtest.json", "w") as fh:
        json.dump({"folds": metrics}, fh, indent=2)
