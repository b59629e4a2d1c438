"""Train the search ranking model (LambdaMART)."""
import lightgbm as lgb
import pandas as pd

from ranking.features import build_features
from ranking.io import read_table


def train_ranker(path: str, params: dict) -> lgb.LGBMRanker:
    """Fit a LambdaMART ranker on query groups."""
    clicks = read_table(path)
    features = build_features(clicks)
    features = features.sort_values(["query_id", "position"])
    groups = features.groupby("query_id").size().to_numpy()
    labels = features.pop("relevance")
    validation_queries = features["query_id"].drop_duplicates().sample(
        frac=0.1, random_state=7
    )
    is_validation = features["query_id"].isin(validation_queries)
    train_x = features[~is_validation].drop(columns=["query_id"])
    valid_x = features[is_validation].drop(columns=["query_id"])
    train_y = labels[~is_validation]
    valid_y = labels[is_validation]
    train_groups = (
        features[~is_validation].groupby("query_id").size().to_numpy()
    )
    valid_groups = features[is_validation].groupby("query_id").size().to_numpy()
    assert groups.sum() == len(features)
    ranker = lgb.LGBMRanker(objective="lambdarank", **params)
    ranker.fit(
        train_x,
        train_y,
        group=train_groups,
        eval_set=[(valid_x, valid_y)],
        eval_group=[valid_groups],
        eval_at=[5, 10],
        callbacks=[lgb.early_stopping(50)],
    )
    best = ranker.best_score_["valid_0"]["ndcg@10"]
    if best < 0.35:
        raise RuntimeError(f"NDCG@10 {best:.3f} below the release floor")
    ranker.booster_.save_model("ranker.txt")
    return ranker
