"""Pairwise training data built from search click logs."""
import pandas as pd
import torch
from torch.utils.data import DataLoader, Dataset

from ranker.features import hash_tokens, numeric_features, tokenize


class ClickPairs(Dataset):
    """(query, clicked item, skipped item) triples from one search impression."""

    def __init__(self, frame: pd.DataFrame, buckets: int):
        self.frame = frame.reset_index(drop=True)
        self.buckets = buckets

    def __len__(self) -> int:
        return len(self.frame)

    def _encode(self, query: str, item: dict):
        q = torch.tensor(hash_tokens(tokenize(query), self.buckets))
        d = torch.tensor(hash_tokens(tokenize(item["title"]), self.buckets))
        x = torch.tensor(numeric_features(query, item), dtype=torch.float32)
        return q, d, x

    def __getitem__(self, idx: int):
        row = self.frame.iloc[idx]
        pos = self._encode(row["query"], row["clicked"])
        neg = self._encode(row["query"], row["skipped"])
        return pos, neg


def make_loader(path: str, buckets: int, batch_size: int) -> DataLoader:
    frame = pd.read_parquet(path, columns=["query", "clicked", "skipped"])
    dataset = ClickPairs(frame, buckets)
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, num_workers=4)
