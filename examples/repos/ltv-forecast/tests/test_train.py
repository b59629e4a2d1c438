import numpy as np
import pandas as pd

from ltv.config import ModelParams, Params
from ltv.features import FEATURES
from ltv.train import fit


def _params():
    return Params(
        seed=7,
        snapshot_date="2026-01-01",
        horizon_days=365,
        bq_project="test",
        model=ModelParams(n_estimators=50, learning_rate=0.1, max_depth=2, subsample=1.0),
    )


def _frame(n=400):
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(rng.uniform(0, 1, size=(n, len(FEATURES))), columns=FEATURES)
    frame["log_value_12m"] = 3 * frame["frequency"] - 2 * frame["recency_days"] + rng.normal(0, 0.1, n)
    return frame


def test_model_beats_the_mean_baseline():
    _, metrics = fit(_frame(), _params())
    assert metrics["valid_mae_log"] < 0.5 * metrics["baseline_mae_log"]


def test_fit_is_reproducible():
    first, _ = fit(_frame(), _params())
    second, _ = fit(_frame(), _params())
    np.testing.assert_allclose(first.predict(_frame()[FEATURES]), second.predict(_frame()[FEATURES]))
