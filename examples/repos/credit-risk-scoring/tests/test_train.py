import numpy as np
import pytest

from credit_risk.evaluate import quality_gate
from credit_risk.features import FEATURE_COLUMNS
from credit_risk.train import choose_threshold, train


def test_training_is_reproducible_with_the_same_seed(cfg, applications):
    first, _, test = train(cfg, applications)
    second, _, _ = train(cfg, applications)
    np.testing.assert_allclose(
        first.predict_proba(test[FEATURE_COLUMNS]), second.predict_proba(test[FEATURE_COLUMNS])
    )


def test_model_learns_the_signal(cfg, applications):
    pipeline, meta, test = train(cfg, applications)
    report = quality_gate(pipeline, test, "defaulted_12m", cfg.gate)
    assert report.auc >= 0.75
    assert report.auc - report.baseline_auc >= 0.2
    assert meta["valid_auc"] > 0.7


def test_threshold_respects_the_bad_rate_budget():
    y = np.array([0, 0, 0, 1, 0, 1, 1, 1])
    proba = np.linspace(0.05, 0.9, len(y))
    threshold = choose_threshold(y, proba, max_bad_rate=0.25)
    approved = proba <= threshold
    assert y[approved].mean() <= 0.25


def test_gate_rejects_a_model_no_better_than_the_baseline(cfg, applications):
    class Constant:
        def predict_proba(self, X):
            return np.tile([0.9, 0.1], (len(X), 1))

    _, _, test = train(cfg, applications)
    report = quality_gate(Constant(), test, "defaulted_12m", cfg.gate)
    assert not report.passed
    assert any("baseline" in failure for failure in report.failures)


def test_gate_reports_every_slice(cfg, applications):
    pipeline, _, test = train(cfg, applications)
    report = quality_gate(pipeline, test, "defaulted_12m", cfg.gate)
    assert set(report.slice_auc) == {"region", "age_band", "channel"}
    assert set(report.slice_auc["region"]) == {"north", "south", "east", "west"}


@pytest.mark.parametrize("bad_value", [np.nan, np.inf])
def test_gate_flags_non_finite_outputs(cfg, applications, bad_value):
    class Broken:
        def predict_proba(self, X):
            out = np.tile([0.5, 0.5], (len(X), 1))
            out[0, 1] = bad_value
            return out

    _, _, test = train(cfg, applications)
    with pytest.raises(ValueError):
        quality_gate(Broken(), test, "defaulted_12m", cfg.gate)
