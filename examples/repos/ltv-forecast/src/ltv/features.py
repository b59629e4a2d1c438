"""Recency / frequency / monetary features per customer at a snapshot date."""
import numpy as np
import pandas as pd

FEATURES = ["recency_days", "frequency", "monetary_mean", "monetary_total", "tenure_days", "refund_rate"]


def rfm_features(orders: pd.DataFrame, snapshot: pd.Timestamp) -> pd.DataFrame:
    """One row per customer, using only orders strictly before the snapshot."""
    history = orders.loc[orders["order_date"] < snapshot]
    grouped = history.groupby("customer_id")
    features = pd.DataFrame(
        {
            "recency_days": (snapshot - grouped["order_date"].max()).dt.days,
            "frequency": grouped["order_id"].nunique(),
            "monetary_mean": grouped["net_amount"].mean(),
            "monetary_total": grouped["net_amount"].sum(),
            "tenure_days": (snapshot - grouped["order_date"].min()).dt.days,
            "refund_rate": grouped["refunded"].mean(),
        }
    )
    return features.astype({"frequency": "int64"})


def future_value(orders: pd.DataFrame, snapshot: pd.Timestamp, horizon_days: int) -> pd.Series:
    end = snapshot + pd.Timedelta(days=horizon_days)
    window = orders.loc[(orders["order_date"] >= snapshot) & (orders["order_date"] < end)]
    return window.groupby("customer_id")["net_amount"].sum().rename("value_12m")


def training_frame(orders: pd.DataFrame, snapshot: pd.Timestamp, horizon_days: int) -> pd.DataFrame:
    frame = rfm_features(orders, snapshot).join(future_value(orders, snapshot, horizon_days), how="left")
    frame["value_12m"] = frame["value_12m"].fillna(0.0)
    frame["log_value_12m"] = np.log1p(frame["value_12m"].clip(lower=0))
    return frame
