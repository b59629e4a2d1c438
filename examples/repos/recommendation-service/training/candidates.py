"""Item-to-item co-visitation candidates from session data."""
from collections import Counter, defaultdict
from itertools import combinations

import pandas as pd


def covisitation(sessions: pd.DataFrame, top_n: int = 200) -> dict:
    """Return {item_id: [(other_item_id, count), ...]} for items viewed in the same session."""
    counts = defaultdict(Counter)
    for _, items in sessions.groupby("session_id")["item_id"]:
        unique = sorted(set(items))
        for a, b in combinations(unique, 2):
            counts[a][b] += 1
            counts[b][a] += 1
    return {item: neighbours.most_common(top_n) for item, neighbours in counts.items()}


def candidates_for(index: dict, recent_items: list, k: int = 100) -> list:
    merged = Counter()
    for item in recent_items:
        for other, count in index.get(item, []):
            if other not in recent_items:
                merged[other] += count
    return [item for item, _ in merged.most_common(k)]
