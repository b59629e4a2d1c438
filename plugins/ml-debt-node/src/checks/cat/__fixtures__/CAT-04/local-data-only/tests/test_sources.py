import pandas as pd


def test_reads_bucket(monkeypatch):
    frame = pd.read_parquet("s3://acme-test-fixtures/sales.parquet")
    assert not frame.empty
