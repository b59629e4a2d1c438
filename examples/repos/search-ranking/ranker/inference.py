"""HTTP re-ranking endpoint used by the search backend."""
import os
import time

import torch
from fastapi import FastAPI
from prometheus_client import Counter, Histogram, make_asgi_app

from ranker.config import TrainConfig
from ranker.features import hash_tokens, numeric_features, tokenize
from ranker.model import Ranker

RERANK_REQUESTS = Counter("rerank_requests_total", "Re-rank requests")
RERANK_LATENCY = Histogram("rerank_latency_seconds", "Re-rank latency", buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25))


class Reranker:
    def __init__(self, checkpoint: str, cfg: TrainConfig):
        self.cfg = cfg
        self.model = None
        self.load(checkpoint)

    def load(self, checkpoint: str) -> None:
        model = Ranker(self.cfg.vocab_buckets, self.cfg.embedding_dim, self.cfg.hidden_size, self.cfg.dropout)
        model.load_state_dict(torch.load(checkpoint, map_location="cpu"))
        model.eval()
        self.model = model

    def rerank(self, query: str, candidates: list[dict]) -> list[dict]:
        buckets = self.cfg.vocab_buckets
        q = torch.tensor([hash_tokens(tokenize(query), buckets)] * len(candidates))
        d = torch.tensor([hash_tokens(tokenize(c.get("title", "")), buckets) for c in candidates])
        x = torch.tensor([numeric_features(query, c) for c in candidates], dtype=torch.float32)
        with torch.no_grad():
            scores = self.model(q, d, x).tolist()
        ranked = sorted(zip(scores, candidates), key=lambda pair: pair[0], reverse=True)
        return [dict(candidate, rank_score=score) for score, candidate in ranked]


app = FastAPI(title="search-ranking")
app.mount("/metrics", make_asgi_app())
reranker = Reranker(os.environ.get("RANKER_CHECKPOINT", "artifacts/ranker.pt"), TrainConfig())


@app.post("/rerank")
def rerank(payload: dict) -> dict:
    RERANK_REQUESTS.inc()
    started = time.perf_counter()
    candidates = payload.get("candidates", [])
    if not candidates:
        return {"candidates": []}
    ranked = reranker.rerank(payload["query"], candidates)
    RERANK_LATENCY.observe(time.perf_counter() - started)
    return {"candidates": ranked}
