import pandas as pd

FEATURES = ["tenure", "spend", "plan"]


def build(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[FEATURES]
