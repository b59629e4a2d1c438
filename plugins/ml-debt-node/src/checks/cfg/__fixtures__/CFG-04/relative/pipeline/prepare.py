"""Reads /home/<user>/data when run locally; see README."""
import os
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = Path(os.environ.get("DATA_DIR", "/mnt/data"))
MODEL_DIR = Path("/opt/ml/model")
SCRATCH = "/tmp/churn"


def prepare():
    # was: pd.read_csv("/home/alice/raw.csv")
    df = pd.read_csv(ROOT / "data" / "raw.csv")
    df.to_parquet("/app/features.parquet")
    return df
