"""Cross-feature ranker: bag-of-hashed-tokens encoders plus an MLP scorer."""
import torch
from torch import nn

from ranker.features import NUMERIC_FEATURES


class TextEncoder(nn.Module):
    def __init__(self, buckets: int, dim: int):
        super().__init__()
        self.embedding = nn.EmbeddingBag(buckets, dim, mode="mean", padding_idx=0)

    def forward(self, token_ids: torch.Tensor) -> torch.Tensor:
        return self.embedding(token_ids)


class Ranker(nn.Module):
    def __init__(self, buckets: int, dim: int, hidden: int, dropout: float):
        super().__init__()
        self.encoder = TextEncoder(buckets, dim)
        self.scorer = nn.Sequential(
            nn.Linear(3 * dim + len(NUMERIC_FEATURES), hidden),
            nn.ReLU(),
            nn.Dropout(dropout),
            nn.Linear(hidden, 1),
        )

    def forward(self, query_ids: torch.Tensor, doc_ids: torch.Tensor, numeric: torch.Tensor) -> torch.Tensor:
        q = self.encoder.forward(query_ids)
        d = self.encoder.forward(doc_ids)
        return self.scorer(torch.cat([q, d, q * d, numeric], dim=-1)).squeeze(-1)


def pairwise_loss(pos_scores: torch.Tensor, neg_scores: torch.Tensor) -> torch.Tensor:
    """RankNet loss: the clicked item should outscore the skipped one."""
    return nn.functional.softplus(neg_scores - pos_scores).mean()
