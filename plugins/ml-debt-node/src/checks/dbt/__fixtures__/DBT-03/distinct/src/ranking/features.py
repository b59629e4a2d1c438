"""Query-document features for the ranker."""
import numpy as np
import pandas as pd


def build_features(clicks: pd.DataFrame) -> pd.DataFrame:
    """Aggregate click logs into one row per (query, document)."""
    grouped = clicks.groupby(["query_id", "doc_id"])
    out = grouped.agg(
        impressions=("shown", "sum"),
        clicks=("clicked", "sum"),
        dwell=("dwell_seconds", "median"),
        position=("position", "min"),
        relevance=("label", "max"),
    ).reset_index()
    out["ctr"] = out["clicks"] / out["impressions"].clip(lower=1)
    out["smoothed_ctr"] = (out["clicks"] + 1) / (out["impressions"] + 20)
    out["log_dwell"] = np.log1p(out["dwell"].fillna(0))
    query_stats = out.groupby("query_id").agg(
        query_impressions=("impressions", "sum"),
        query_docs=("doc_id", "nunique"),
    )
    out = out.merge(query_stats, on="query_id", how="left")
    out["doc_share"] = out["impressions"] / out["query_impressions"]
    out["is_top3"] = (out["position"] <= 3).astype(int)
    out["ctr_rank"] = out.groupby("query_id")["ctr"].rank(
        ascending=False, method="first"
    )
    out["dwell_rank"] = out.groupby("query_id")["dwell"].rank(
        ascending=False, method="first"
    )
    out = out.replace([np.inf, -np.inf], np.nan)
    out = out.fillna({"dwell": 0.0, "log_dwell": 0.0, "ctr_rank": 0})
    out = out.drop(columns=["doc_id"])
    return out
