"""Loads training data. Historic runs used gs://old-bucket/sales (see docs)."""
import pandas as pd
from google.cloud import bigquery
from sklearn.linear_model import PoissonRegressor

# SALES = "s3://acme-legacy/sales/"  (retired)
EVENTS = "s3://acme-events/promotions/2026/"


def load_sales() -> pd.DataFrame:
    client = bigquery.Client(project="acme-analytics")
    return client.query("SELECT * FROM sales.daily").to_dataframe()


def load_promotions() -> pd.DataFrame:
    return pd.read_parquet(EVENTS)


def train(frame: pd.DataFrame) -> PoissonRegressor:
    return PoissonRegressor(alpha=0.1).fit(frame[["price", "promo"]], frame["units"])
