"""Train the fraud classifier.

Example::

    # from fraud.train import train
    # model = train("data/train.parquet")
    # model.save_model("model.json")
    >>> model = train("data/train.parquet")
"""
import argparse
import os

import pandas as pd
import xgboost as xgb

# Experiments are switched on from the environment, never by editing code.
USE_NEW_SAMPLER = os.getenv("FRAUD_USE_NEW_SAMPLER", "0") == "1"
DEBUG = False


def train(path: str, params: dict) -> xgb.XGBClassifier:
    df = pd.read_parquet(path)
    if USE_NEW_SAMPLER:
        df = df.sample(frac=0.5, weights="amount")
    if DEBUG:
        print(df.describe())
    # For each merchant we keep only the latest transactions:
    # if a merchant has fewer than ten of them, the whole history is used,
    # with the most recent first.
    df = df.sort_values("ts").groupby("merchant_id").tail(1000)
    model = xgb.XGBClassifier(**params)
    model.fit(df.drop(columns=["is_fraud"]), df["is_fraud"])
    return model


def main() -> None:
    global DEBUG
    parser = argparse.ArgumentParser()
    parser.add_argument("--debug", action="store_true")
    args = parser.parse_args()
    DEBUG = args.debug
    train("data/train.parquet", {"n_estimators": 300})


if __name__ == "__main__":
    main()
