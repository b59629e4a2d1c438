import pandas as pd
from fairlearn.metrics import MetricFrame, selection_rate
from sklearn.metrics import roc_auc_score

MIN_SLICE_AUC = 0.70


def sliced_report(y_true: pd.Series, scores: pd.Series, region: pd.Series) -> pd.DataFrame:
    frame = MetricFrame(
        metrics={"auc": roc_auc_score, "selection_rate": selection_rate},
        y_true=y_true,
        y_pred=scores,
        sensitive_features=region,
    )
    if (frame.by_group["auc"] < MIN_SLICE_AUC).any():
        raise SystemExit("a region is below the per-slice AUC floor")
    return frame.by_group
