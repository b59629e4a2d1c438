import pandas as pd

RAW = "/home/alice/projects/churn/data/raw.csv"


def prepare():
    df = pd.read_csv(RAW)
    df.to_parquet(r"C:\Users\alice\churn\features.parquet")
    return df
