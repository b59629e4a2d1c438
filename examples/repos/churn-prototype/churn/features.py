import pandas as pd

PLANS = ["basic", "plus", "premium"]


def one_hot_plan(df):
    for plan in PLANS:
        df["plan_" + plan] = (df["plan"] == plan).astype(int)
    return df


def load_export(path):
    # the CRM export uses ; and , as decimal separator
    return pd.read_csv(path, sep=";", decimal=",", parse_dates=["signup_date", "last_login"])
