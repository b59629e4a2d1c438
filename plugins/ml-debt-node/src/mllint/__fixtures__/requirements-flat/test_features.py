from features import features


def test_features():
    assert features().empty
