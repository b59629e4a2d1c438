#!/usr/bin/env python
# -*- coding: utf-8 -*-
"""Feature engineering for the churn model."""
import numpy as np
import pandas as pd


def build_features(df: pd.DataFrame) -> pd.DataFrame:
    # TODO: impute missing tenure values instead of dropping the rows
    df = df.dropna(subset=["tenure"])
    df["tenure_years"] = df["tenure"] / 12
    # FIXME schema of the billing export changed, column may be absent
    df["monthly"] = df.get("monthly_charges", 0.0)
    status = "TODO"  # a status value, not a comment about debt
    df["status"] = status
    df["log_monthly"] = np.log1p(df["monthly"])  # noqa: E501 TODO-free line
    return df
