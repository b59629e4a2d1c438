import pandas as pd


def clean_frame(df: pd.DataFrame) -> pd.DataFrame:
    df = df.drop_duplicates(subset=["customer_id"])
    return df[df["tenure"] >= 0]
