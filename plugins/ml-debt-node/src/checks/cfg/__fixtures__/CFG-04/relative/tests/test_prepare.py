def test_paths():
    assert "/home/ci/fixture.csv".endswith(".csv")
