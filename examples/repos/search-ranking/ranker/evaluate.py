"""NDCG@10 of the ranker on a held-out set of labelled impressions."""
import argparse
import math

import pandas as pd
import torch

from ranker.config import load_config
from ranker.features import hash_tokens, numeric_features, tokenize
from ranker.model import Ranker


def ndcg_at_k(relevances: list[float], k: int = 10) -> float:
    dcg = sum(rel / math.log2(i + 2) for i, rel in enumerate(relevances[:k]))
    ideal = sorted(relevances, reverse=True)
    idcg = sum(rel / math.log2(i + 2) for i, rel in enumerate(ideal[:k]))
    return dcg / idcg if idcg > 0 else 0.0


def bm25_baseline(impressions: pd.DataFrame) -> float:
    """NDCG@10 of the lexical BM25 order the ranker has to beat."""
    scores = []
    for _, group in impressions.groupby("query"):
        ranked = group.sort_values("bm25", ascending=False)
        scores.append(ndcg_at_k(ranked["relevance"].tolist()))
    return sum(scores) / max(len(scores), 1)


def evaluate(model: Ranker, impressions: pd.DataFrame, buckets: int) -> float:
    model.eval()
    scores = []
    with torch.no_grad():
        for query, group in impressions.groupby("query"):
            items = group.to_dict("records")
            q = torch.tensor([hash_tokens(tokenize(query), buckets)] * len(items))
            d = torch.tensor([hash_tokens(tokenize(item["title"]), buckets) for item in items])
            x = torch.tensor([numeric_features(query, item) for item in items], dtype=torch.float32)
            order = torch.argsort(model(q, d, x), descending=True).tolist()
            scores.append(ndcg_at_k([items[i]["relevance"] for i in order]))
    return sum(scores) / max(len(scores), 1)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", default="configs/train.yaml")
    parser.add_argument("--impressions", required=True)
    args = parser.parse_args()
    cfg = load_config(args.config)
    ranker = Ranker(cfg.vocab_buckets, cfg.embedding_dim, cfg.hidden_size, cfg.dropout)
    ranker.load_state_dict(torch.load(cfg.checkpoint, weights_only=True))
    impressions = pd.read_parquet(args.impressions)
    print(f"ndcg@10 ranker   = {evaluate(ranker, impressions, cfg.vocab_buckets):.4f}")
    print(f"ndcg@10 baseline = {bm25_baseline(impressions):.4f}  (BM25 order)")
