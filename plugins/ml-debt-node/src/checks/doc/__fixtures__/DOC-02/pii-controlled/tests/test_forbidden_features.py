from features.joined import build

FORBIDDEN_FEATURES = {"first_name", "last_name", "phone", "email"}


def test_no_forbidden_features(customers, orders):
    assert FORBIDDEN_FEATURES.isdisjoint(build(customers, orders).columns)
