import joblib
import pandas as pd
from sklearn.metrics import roc_auc_score

# TODO: per-region AUC with fairlearn MetricFrame
test = pd.read_parquet("data/test.parquet")
model = joblib.load("models/model.joblib")
print("auc", roc_auc_score(test["label"], model.predict_proba(test.drop(columns=["label"]))[:, 1]))
