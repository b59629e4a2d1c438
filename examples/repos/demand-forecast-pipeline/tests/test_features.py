import pandas as pd

from forecast.features import add_calendar_features, build_feature_frame


def _sales(days=40):
    dates = pd.date_range("2026-01-01", periods=days, freq="D")
    return pd.DataFrame(
        {
            "store_id": "s-01",
            "sku": "sku-1",
            "sale_date": dates,
            "units": range(days),
            "on_promo": 0,
            "on_hand": 100.0,
        }
    )


def test_calendar_features_use_iso_weekday():
    out = add_calendar_features(_sales(3))
    assert list(out["dow"]) == [3, 4, 5]  # 2026-01-01 is a Thursday


def test_lag_features_do_not_leak_current_day():
    frame = build_feature_frame(_sales(), lags=[7], windows=[7])
    row = frame.loc[frame["sale_date"] == pd.Timestamp("2026-01-15")].iloc[0]
    assert row["units_lag_7"] == 7
    assert row["units_roll_mean_7"] == sum(range(7, 14)) / 7
