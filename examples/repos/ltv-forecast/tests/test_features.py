import pandas as pd
import pytest

from ltv.features import future_value, rfm_features, training_frame

SNAPSHOT = pd.Timestamp("2026-01-01")


@pytest.fixture
def orders():
    return pd.DataFrame(
        {
            "customer_id": ["c1", "c1", "c2", "c1", "c2"],
            "order_id": ["o1", "o2", "o3", "o4", "o5"],
            "order_date": pd.to_datetime(["2025-06-01", "2025-12-01", "2025-11-15", "2026-02-01", "2027-03-01"]),
            "net_amount": [50.0, 30.0, 20.0, 40.0, 99.0],
            "refunded": [0, 1, 0, 0, 0],
        }
    )


def test_features_only_use_orders_before_snapshot(orders):
    features = rfm_features(orders, SNAPSHOT)
    assert features.loc["c1", "frequency"] == 2
    assert features.loc["c1", "monetary_total"] == 80.0
    assert features.loc["c1", "recency_days"] == 31
    assert features.loc["c1", "refund_rate"] == 0.5


def test_future_value_respects_the_horizon(orders):
    value = future_value(orders, SNAPSHOT, horizon_days=365)
    assert value.loc["c1"] == 40.0
    assert "c2" not in value.index


def test_customers_without_future_orders_get_zero(orders):
    frame = training_frame(orders, SNAPSHOT, horizon_days=365)
    assert frame.loc["c2", "value_12m"] == 0.0
    assert frame.loc["c2", "log_value_12m"] == 0.0
