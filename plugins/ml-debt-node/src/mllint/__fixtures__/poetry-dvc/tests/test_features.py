import pandas as pd

from churn.features import tenure_months


def test_tenure_months():
    frame = pd.DataFrame({"tenure_days": [0, 30, 95]})
    assert tenure_months(frame).tolist() == [0, 1, 3]
