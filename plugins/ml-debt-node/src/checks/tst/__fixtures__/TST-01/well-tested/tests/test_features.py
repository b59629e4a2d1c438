import pandas as pd

from churn.features import build_features


def test_tenure_in_years():
    df = pd.DataFrame({"tenure": [24], "monthly_charges": [None]})
    out = build_features(df)
    assert out["tenure_years"].iloc[0] == 2
    assert out["log_monthly"].iloc[0] == 0
