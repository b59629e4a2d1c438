import pandas as pd


def tenure_years(df: pd.DataFrame) -> pd.Series:
    return df["tenure"] / 12
