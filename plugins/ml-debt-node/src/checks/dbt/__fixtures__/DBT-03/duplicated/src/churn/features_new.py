import pandas as pd


def add_ratios(df: pd.DataFrame) -> pd.DataFrame:
    ratio = df["total"] / df["tenure"].clip(lower=1)
    return df.assign(charge_per_month=ratio, log_ratio=ratio.pipe("log1p"))
