import numpy as np
import pandas as pd


def build_features(df: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame(index=df.index)
    out["tenure_years"] = df["tenure"] / 12
    out["log_monthly"] = np.log1p(df["monthly_charges"].fillna(0))
    return out
