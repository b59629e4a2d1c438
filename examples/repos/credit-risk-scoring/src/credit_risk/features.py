"""Feature definitions shared by training, evaluation and serving.

The preprocessing is part of the persisted sklearn Pipeline, so the exact transform that
was fitted at training time is the one applied at serving time.
"""
import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler

RAW_NUMERIC = ["amount", "term_months", "income_monthly", "existing_debt", "bureau_score", "employment_years"]
RAW_CATEGORICAL = ["region", "channel"]
FEATURE_COLUMNS = RAW_NUMERIC + RAW_CATEGORICAL
DERIVED_NUMERIC = ["debt_to_income", "installment_to_income", "log_amount"]
SLICE_ONLY_COLUMNS = ["age_band"]


def add_derived_features(df: pd.DataFrame) -> pd.DataFrame:
    """Affordability ratios; income of zero yields NaN, which the imputer handles."""
    out = df.copy()
    income = out["income_monthly"].where(out["income_monthly"] > 0)
    installment = out["amount"] / out["term_months"]
    out["debt_to_income"] = out["existing_debt"] / income
    out["installment_to_income"] = installment / income
    out["log_amount"] = np.log1p(out["amount"].clip(lower=0))
    return out


def build_preprocessor() -> ColumnTransformer:
    numeric = Pipeline(
        steps=[
            ("impute", SimpleImputer(strategy="median", add_indicator=True)),
            ("scale", StandardScaler()),
        ]
    )
    categorical = OneHotEncoder(handle_unknown="ignore", min_frequency=20)
    return ColumnTransformer(
        transformers=[
            ("numeric", numeric, RAW_NUMERIC + DERIVED_NUMERIC),
            ("categorical", categorical, RAW_CATEGORICAL),
        ],
        remainder="drop",
    )


def build_pipeline(estimator) -> Pipeline:
    """Derived features, preprocessing and the estimator as one persisted object."""
    return Pipeline(
        steps=[
            ("derive", FunctionTransformer(add_derived_features, feature_names_out="one-to-one")),
            ("preprocess", build_preprocessor()),
            ("model", estimator),
        ]
    )


def assert_finite_inputs(df: pd.DataFrame) -> None:
    """Reject rows whose numeric inputs are infinite; missing values are allowed."""
    values = df[RAW_NUMERIC].to_numpy(dtype=float)
    if not np.isfinite(values[~np.isnan(values)]).all():
        raise ValueError("numeric inputs contain infinite values")
