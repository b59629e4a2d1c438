"""Extract step: pulls daily unit sales and inventory from the warehouse."""
import os

import pandas as pd
from sqlalchemy import create_engine

from forecast.settings import load_settings

FALLBACK_SALES = "/mnt/data/forecast/sales_daily_units.parquet"

SALES_QUERY = """
SELECT store_id, sku, sale_date, units, on_promo
FROM {table}
WHERE sale_date >= CURRENT_DATE - INTERVAL '{days} days'
"""

INVENTORY_QUERY = """
SELECT store_id, sku, snapshot_date AS sale_date, on_hand
FROM inventory.daily_on_hand
WHERE snapshot_date >= CURRENT_DATE - INTERVAL '{days} days'
"""


def extract_sales(cfg):
    # TODO: drop the /mnt fallback once the warehouse extract stops timing out
    if os.environ.get("FORECAST_OFFLINE"):
        return pd.read_parquet(FALLBACK_SALES)
    engine = create_engine(cfg["warehouse"]["url"])
    table = cfg["warehouse"].get("sales_table", "sales.daily_units")
    sales = pd.read_sql(SALES_QUERY.format(table=table, days=cfg["history_days"]), engine, parse_dates=["sale_date"])
    inventory = pd.read_sql(INVENTORY_QUERY.format(days=cfg["history_days"]), engine, parse_dates=["sale_date"])
    return sales.merge(inventory, on=["store_id", "sku", "sale_date"], how="left", validate="one_to_one")


if __name__ == "__main__":
    frame = extract_sales(load_settings())
    os.makedirs("data", exist_ok=True)
    frame.to_parquet("data/sales.parquet", index=False)
    print(f"extracted {len(frame)} rows")
