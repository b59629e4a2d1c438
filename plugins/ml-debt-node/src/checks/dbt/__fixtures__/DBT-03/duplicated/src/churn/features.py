import pandas as pd


def add_ratios(df: pd.DataFrame) -> pd.DataFrame:
    return df.assign(charge_per_month=df["total"] / df["tenure"].clip(lower=1))
