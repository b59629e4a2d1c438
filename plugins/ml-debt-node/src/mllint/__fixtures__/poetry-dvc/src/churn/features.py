import pandas as pd


def tenure_months(frame: pd.DataFrame) -> pd.Series:
    return frame["tenure_days"] // 30
