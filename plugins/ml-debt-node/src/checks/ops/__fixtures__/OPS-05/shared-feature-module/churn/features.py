import numpy as np
import pandas as pd


def build_features(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out["log_spend"] = np.log1p(out["monthly_spend"])
    out["tenure_years"] = out["tenure_months"] / 12
    return out
