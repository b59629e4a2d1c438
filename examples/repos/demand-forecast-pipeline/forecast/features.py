"""Calendar, lag and rolling-window features for the demand model."""
import pandas as pd

CALENDAR_FEATURES = ["dow", "week_of_year", "month", "is_month_end"]


def add_calendar_features(df):
    out = df.copy()
    out["dow"] = out["sale_date"].dt.dayofweek
    out["week_of_year"] = out["sale_date"].dt.isocalendar().week.astype(int)
    out["month"] = out["sale_date"].dt.month
    out["is_month_end"] = out["sale_date"].dt.is_month_end.astype(int)
    return out


def add_lag_features(df, lags, windows):
    out = df.sort_values(["store_id", "sku", "sale_date"]).copy()
    grouped = out.groupby(["store_id", "sku"])["units"]
    for lag in lags:
        out[f"units_lag_{lag}"] = grouped.shift(lag)
    for window in windows:
        out[f"units_roll_mean_{window}"] = grouped.transform(lambda s: s.shift(1).rolling(window, min_periods=1).mean())
    out["on_hand"] = out["on_hand"].fillna(out["on_hand"].median())
    return out


def build_feature_frame(df, lags, windows):
    frame = add_lag_features(add_calendar_features(df), lags, windows)
    lag_cols = [f"units_lag_{lag}" for lag in lags]
    return frame.dropna(subset=lag_cols)


def feature_columns(lags, windows):
    cols = CALENDAR_FEATURES + ["on_promo", "on_hand"]
    cols += [f"units_lag_{lag}" for lag in lags]
    cols += [f"units_roll_mean_{window}" for window in windows]
    return cols


def split_by_date(frame, cutoff):
    cutoff = pd.Timestamp(cutoff)
    return frame.loc[frame["sale_date"] < cutoff], frame.loc[frame["sale_date"] >= cutoff]
