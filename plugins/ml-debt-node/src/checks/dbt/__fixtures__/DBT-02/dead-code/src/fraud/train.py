"""Train the fraud classifier."""
import pandas as pd
import xgboost as xgb

USE_NEW_SAMPLER = False


def load(path: str) -> pd.DataFrame:
    return pd.read_parquet(path)


def train(path: str) -> xgb.XGBClassifier:
    df = load(path)
    if USE_NEW_SAMPLER:
        df = df.sample(frac=0.5, weights="amount")
        df = df.reset_index(drop=True)
    if False:
        # experiment from Q3: drop merchant features
        df = df.drop(columns=["merchant_id", "merchant_country"])
    model = xgb.XGBClassifier(n_estimators=300, max_depth=6)
    # model = xgb.XGBClassifier(
    #     n_estimators=800,
    #     max_depth=10,
    #     learning_rate=0.01,
    # )
    # model.set_params(scale_pos_weight=20)
    model.fit(df.drop(columns=["is_fraud"]), df["is_fraud"])
    return model


def train_old(path: str) -> xgb.XGBClassifier:
    df = load(path)
    model = xgb.XGBClassifier()
    model.fit(df.drop(columns=["is_fraud"]), df["is_fraud"])
    return model
