import pandas as pd


def load_training_frame(path: str) -> pd.DataFrame:
    df = pd.read_parquet(path)
    return df[df["signup_date"] < "2024-01-01"]
