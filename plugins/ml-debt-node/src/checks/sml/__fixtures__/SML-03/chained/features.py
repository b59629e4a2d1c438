import pandas as pd


def build(path):
    orders = pd.read_csv(path)
    recent = orders.copy()
    recent["amount"][recent["amount"] < 0] = 0
    top = recent[recent["amount"] > 100]["customer_id"]
    return recent, top
