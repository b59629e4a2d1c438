# Copyright 2024 Example Corp. Licensed under the Apache License, Version 2.0 (see LICENSE; no TODO here).
"""Feature engineering for the churn model."""
import pandas as pd


def build_features(df: pd.DataFrame) -> pd.DataFrame:
    """Return the model features.

    Tenure is converted to years because the model was trained that way.
    """
    df = df.assign(tenure_years=df["tenure"] / 12)  # type: ignore[assignment]  TODO-free
    return df[["tenure_years", "monthly_charges"]]
