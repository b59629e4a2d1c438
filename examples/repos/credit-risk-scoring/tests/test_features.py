import numpy as np
import pandas as pd
import pytest
from sklearn.dummy import DummyClassifier

from credit_risk.features import FEATURE_COLUMNS, add_derived_features, assert_finite_inputs, build_pipeline


def _row(**overrides):
    row = {
        "amount": 1200.0,
        "term_months": 12,
        "income_monthly": 3000.0,
        "existing_debt": 1500.0,
        "bureau_score": 700,
        "employment_years": 4.0,
        "region": "north",
        "channel": "web",
    }
    row.update(overrides)
    return pd.DataFrame([row])


def test_ratios_are_computed_per_month():
    out = add_derived_features(_row()).iloc[0]
    assert out["debt_to_income"] == pytest.approx(0.5)
    assert out["installment_to_income"] == pytest.approx(100 / 3000)


def test_zero_income_gives_missing_ratio_not_infinity():
    out = add_derived_features(_row(income_monthly=0.0)).iloc[0]
    assert np.isnan(out["debt_to_income"])
    assert np.isnan(out["installment_to_income"])


def test_derivation_does_not_mutate_the_input():
    frame = _row()
    add_derived_features(frame)
    assert "debt_to_income" not in frame


def test_infinite_inputs_are_rejected_but_missing_ones_allowed():
    assert_finite_inputs(_row(existing_debt=np.nan))
    with pytest.raises(ValueError):
        assert_finite_inputs(_row(existing_debt=np.inf))


def test_pipeline_tolerates_unseen_categories(applications):
    pipeline = build_pipeline(DummyClassifier(strategy="prior"))
    pipeline.fit(applications[FEATURE_COLUMNS], applications["defaulted_12m"])
    proba = pipeline.predict_proba(_row(region="atlantis", channel="fax")[FEATURE_COLUMNS])
    assert proba.shape == (1, 2)
