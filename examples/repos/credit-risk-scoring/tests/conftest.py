import numpy as np
import pandas as pd
import pytest

from credit_risk.config import TrainConfig


def make_applications(n: int = 4000, seed: int = 7) -> pd.DataFrame:
    """Synthetic applications where default risk rises with debt load and falls with bureau score."""
    rng = np.random.default_rng(seed)
    income = rng.gamma(4.0, 700.0, n)
    debt = rng.gamma(2.0, 900.0, n)
    bureau = rng.normal(680, 60, n).clip(300, 850)
    amount = rng.uniform(100, 3000, n)
    term = rng.choice([3, 6, 12, 24], n)
    logit = -2.5 + 3.0 * debt / income - 0.03 * (bureau - 680) + 0.0004 * amount
    defaulted = rng.uniform(size=n) < 1 / (1 + np.exp(-logit))
    return pd.DataFrame(
        {
            "application_id": [f"a-{i}" for i in range(n)],
            "amount": amount,
            "term_months": term,
            "income_monthly": income,
            "existing_debt": debt,
            "bureau_score": bureau.round(),
            "employment_years": rng.exponential(5, n).round(1),
            "region": rng.choice(["north", "south", "east", "west"], n),
            "channel": rng.choice(["web", "app", "partner"], n, p=[0.5, 0.4, 0.1]),
            "age_band": rng.choice(["18-25", "26-40", "41-60", "60+"], n),
            "defaulted_12m": defaulted.astype(int),
        }
    )


@pytest.fixture
def applications() -> pd.DataFrame:
    return make_applications()


@pytest.fixture
def cfg(tmp_path) -> TrainConfig:
    config = TrainConfig(artifacts_dir=str(tmp_path / "artifacts"))
    config.model.max_iter = 60
    return config
