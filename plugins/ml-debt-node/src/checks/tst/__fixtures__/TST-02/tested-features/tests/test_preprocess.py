import pandas as pd

from churn import preprocess


def test_negative_tenure_is_dropped():
    df = pd.DataFrame({"customer_id": [1, 2], "tenure": [-1, 3]})
    assert preprocess.clean_frame(df)["customer_id"].tolist() == [2]
