"""Fits the log-log elasticity model on weekly price/volume history."""
import sys

import joblib
import numpy as np
import pandas as pd
from sklearn.linear_model import Ridge


def main(path: str) -> None:
    history = pd.read_parquet(path, columns=["sku", "week", "price", "base_price", "units", "base_units", "stock_weeks"])
    history = history.loc[(history["units"] > 0) & (history["base_units"] > 0)]
    X = np.column_stack([np.log(history["price"] / history["base_price"]), history["stock_weeks"]])
    y = np.log(history["units"] / history["base_units"])
    model = Ridge(alpha=1.0).fit(X, y)
    print("elasticity", model.coef_[0])
    joblib.dump(model, "models/elasticity.joblib")


if __name__ == "__main__":
    main(sys.argv[1])
