"""Tokenisation and numeric features shared by training and inference."""
import math
import re
import zlib

TOKEN_RE = re.compile(r"[a-z0-9]+")
MAX_TOKENS = 16
NUMERIC_FEATURES = ["bm25", "log_popularity", "log_price", "in_stock", "title_overlap"]


def tokenize(text: str) -> list[str]:
    return TOKEN_RE.findall(text.lower())[:MAX_TOKENS]


def hash_tokens(tokens: list[str], buckets: int) -> list[int]:
    ids = [1 + zlib.crc32(tok.encode()) % (buckets - 1) for tok in tokens]
    return ids + [0] * (MAX_TOKENS - len(ids))


def numeric_features(query: str, item: dict) -> list[float]:
    query_tokens = set(tokenize(query))
    title_tokens = set(tokenize(item.get("title", "")))
    overlap = len(query_tokens & title_tokens) / max(len(query_tokens), 1)
    return [
        float(item.get("bm25", 0.0)),
        math.log1p(item.get("popularity", 0)),
        math.log1p(item.get("price", 0.0)),
        1.0 if item.get("in_stock", True) else 0.0,
        overlap,
    ]
