import xgboost as xgb


def build_model() -> xgb.XGBClassifier:
    return xgb.XGBClassifier(n_estimators=500, max_depth=8)
