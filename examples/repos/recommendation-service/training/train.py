"""Train the click-probability re-ranker and register it in MLflow."""
import argparse

import mlflow
import mlflow.sklearn
import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sqlalchemy import create_engine

from training.candidates import covisitation
from training.features import preprocess_features

SEED = 7
INTERACTIONS = "s3://acme-discovery/user-item-interactions/days={days}/"
CATALOG_DB = "postgresql://recsys_ro@product-catalog.acme.internal:5432/catalog"


def load_pairs(days: int) -> pd.DataFrame:
    pairs = pd.read_parquet(INTERACTIONS.format(days=days))
    items = pd.read_sql(
        "SELECT item_id, category AS item_category, price AS item_price, days_since_added AS days_since_item_added FROM items",
        create_engine(CATALOG_DB),
    )
    return pairs.merge(items, on="item_id", how="left", validate="many_to_one")


def main(days: int) -> None:
    np.random.seed(SEED)
    pairs = load_pairs(days)
    index = covisitation(pairs[["session_id", "item_id"]])
    X = preprocess_features(pairs)
    y = pairs["clicked"]
    X_train, X_valid, y_train, y_valid = train_test_split(X, y, test_size=0.1, random_state=SEED)

    model = HistGradientBoostingClassifier(
        learning_rate=0.1,
        max_iter=300,
        max_depth=6,
        l2_regularization=1.0,
        random_state=SEED,
    )
    mlflow.set_experiment("recsys-reranker")
    with mlflow.start_run():
        model.fit(X_train, y_train)
        auc = roc_auc_score(y_valid, model.predict_proba(X_valid)[:, 1])
        mlflow.log_param("days", days)
        mlflow.log_metric("valid_auc", auc)
        mlflow.log_dict({str(k): v for k, v in index.items()}, "candidates.json")
        mlflow.sklearn.log_model(model, "model", registered_model_name="recsys")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--days", type=int, default=30)
    main(parser.parse_args().days)
