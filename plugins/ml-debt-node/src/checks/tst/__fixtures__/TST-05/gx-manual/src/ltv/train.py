import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor


def train(path: str) -> GradientBoostingRegressor:
    frame = pd.read_parquet(path)
    return GradientBoostingRegressor(random_state=0).fit(frame.drop(columns=["ltv"]), frame["ltv"])
