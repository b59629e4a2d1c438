import os

import numpy as np
import pandas as pd


def build(orders_path, customers_path, config):
    orders = pd.read_csv(orders_path, dtype={"amount": "float64"}, usecols=["id", "amount"])
    customers = pd.read_csv(customers_path, dtype={"id": "int64"}, usecols=["id", "segment"])
    orders = orders.dropna()
    missing = orders[orders["amount"].isna()]
    joined = orders.merge(customers, how="left", on="id", validate="many_to_one")
    config["retries"] = 0
    os.rename("a.tmp", "a.csv")
    weights = np.asarray(list(config.values()))
    return joined.to_numpy(), missing, weights
