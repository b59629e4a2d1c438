"""Model factory used by 03_train_xgb.ipynb."""
from xgboost import XGBClassifier

FEATURES = [
    "tenure_months",
    "monthly_fee",
    "orders_90d",
    "support_tickets_90d",
    "days_since_last_login",
    "plan_basic",
    "plan_plus",
    "plan_premium",
]


def make_model(scale_pos_weight=1.0):
    # tuned by hand in the notebook, TODO move to a config file
    return XGBClassifier(
        n_estimators=400,
        max_depth=6,
        learning_rate=0.05,
        subsample=0.8,
        colsample_bytree=0.7,
        scale_pos_weight=scale_pos_weight,
        eval_metric="logloss",
    )
