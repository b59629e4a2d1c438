import pandas as pd

from churn.features import build_features


def test_tenure_is_converted_to_years():
    frame = pd.DataFrame({"monthly_spend": [10.0], "tenure_months": [24]})
    assert build_features(frame)["tenure_years"].iloc[0] == 2
