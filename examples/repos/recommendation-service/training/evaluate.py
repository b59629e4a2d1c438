"""Offline recall@k of the full two-stage recommender on a held-out day."""
import argparse
import json

import mlflow.sklearn
import pandas as pd

from training.candidates import candidates_for
from training.features import FEATURE_COLUMNS, preprocess_features


def recall_at_k(recommended: list, clicked: set, k: int) -> float:
    if not clicked:
        return 0.0
    return len(set(recommended[:k]) & clicked) / len(clicked)


def evaluate(run_id: str, holdout_path: str, k: int = 20) -> dict:
    model = mlflow.sklearn.load_model(f"runs:/{run_id}/model")
    index = {k_: v for k_, v in mlflow.artifacts.load_dict(f"runs:/{run_id}/candidates.json").items()}
    holdout = pd.read_parquet(holdout_path)
    recalls = []
    for _, user_rows in holdout.groupby("user_id"):
        recent = list(user_rows.loc[user_rows["position"] < 0, "item_id"])
        clicked = set(user_rows.loc[user_rows["clicked"] == 1, "item_id"])
        cands = candidates_for(index, recent)
        frame = user_rows.set_index("item_id").reindex(cands).reset_index()
        probs = model.predict_proba(preprocess_features(frame)[FEATURE_COLUMNS])[:, 1]
        ranked = [item for _, item in sorted(zip(probs, cands), reverse=True)]
        recalls.append(recall_at_k(ranked, clicked, k))
    return {f"recall_at_{k}": sum(recalls) / max(len(recalls), 1), "users": len(recalls)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("run_id")
    parser.add_argument("holdout")
    print(json.dumps(evaluate(parser.parse_args().run_id, parser.parse_args().holdout), indent=2))
