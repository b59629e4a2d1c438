"""Performance estimation without labels (CBPE) on last week's predictions."""
import nannyml as nml
import pandas as pd


def estimate(reference: pd.DataFrame, analysis: pd.DataFrame) -> pd.DataFrame:
    estimator = nml.CBPE(
        y_pred_proba="proba", y_pred="pred", y_true="label", metrics=["roc_auc"], problem_type="classification_binary"
    )
    estimator.fit(reference)
    return estimator.estimate(analysis).to_df()
