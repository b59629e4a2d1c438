import pandas as pd


def build(path):
    orders = pd.read_csv(path)
    recent = orders.copy()
    recent.loc[recent["amount"] < 0, "amount"] = 0
    top = recent.loc[recent["amount"] > 100, "customer_id"]
    lookup = {"a": {"b": 1}}
    lookup["a"]["b"] = 2
    return recent, top
