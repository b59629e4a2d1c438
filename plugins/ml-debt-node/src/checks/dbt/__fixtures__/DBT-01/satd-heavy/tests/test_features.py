import pandas as pd

from churn.features import build_features


def test_build_features_adds_tenure_years():
    # TODO: cover the missing-column case
    df = build_features(pd.DataFrame({"tenure": [12], "monthly_charges": [10.0]}))
    assert df["tenure_years"].iloc[0] == 1
