"""Feature preparation for (user, candidate) pairs at training time."""
import numpy as np
import pandas as pd

NUMERIC_FEATURES = [
    "covisit_count",
    "item_popularity_7d",
    "item_price",
    "user_sessions_30d",
    "user_item_views",
    "days_since_item_added",
]
FEATURE_COLUMNS = NUMERIC_FEATURES + ["same_category"]


def preprocess_features(df: pd.DataFrame) -> pd.DataFrame:
    """Fill gaps, log-scale the heavy-tailed counts and standardise the price."""
    out = df.copy()
    out[NUMERIC_FEATURES] = out[NUMERIC_FEATURES].fillna(0)
    for col in ["covisit_count", "item_popularity_7d", "user_item_views"]:
        out[col] = np.log1p(out[col])
    out["item_price"] = (out["item_price"] - out["item_price"].mean()) / out["item_price"].std()
    out["days_since_item_added"] = out["days_since_item_added"].clip(upper=365)
    out["same_category"] = (out["user_top_category"] == out["item_category"]).astype(int)
    return out[FEATURE_COLUMNS]
