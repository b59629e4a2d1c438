import numpy as np
import pandas as pd


def build(orders_path, customers_path):
    orders = pd.read_csv(orders_path)
    customers = pd.read_csv(customers_path, dtype={"id": "int64"}, usecols=["id", "segment"])
    orders.dropna()
    missing = orders[orders["amount"] == np.nan]
    joined = pd.merge(orders, customers)
    for _, row in joined.iterrows():
        print(row)
    return joined.values, missing
