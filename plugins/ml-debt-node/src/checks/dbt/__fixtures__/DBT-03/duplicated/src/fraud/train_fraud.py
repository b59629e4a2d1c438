"""Training for the fraud model."""
import joblib
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

def train_fraud_model(df: pd.DataFrame, target: str = "is_fraud") -> Pipeline:
    """Fit the fraud model on a prepared frame."""
    df = df.copy()
    df = df.dropna(subset=[target])
    numeric = [c for c in df.columns if df[c].dtype.kind in "if" and c != target]
    categorical = [c for c in df.columns if df[c].dtype.kind == "O"]
    for column in numeric:
        median = df[column].median()
        df[column] = df[column].fillna(median)
    for column in categorical:
        df[column] = df[column].fillna("missing")
    x_train, x_test, y_train, y_test = train_test_split(
        df[numeric + categorical],
        df[target],
        test_size=0.25,
        random_state=42,
        stratify=df[target],
    )
    preprocess = ColumnTransformer(
        [
            ("num", StandardScaler(), numeric),
            ("cat", OneHotEncoder(handle_unknown="ignore"), categorical),
        ]
    )
    model = Pipeline(
        [
            ("preprocess", preprocess),
            ("clf", GradientBoostingClassifier(n_estimators=400, max_depth=3)),
        ]
    )
    model.fit(x_train, y_train)
    score = roc_auc_score(y_test, model.predict_proba(x_test)[:, 1])
    print(f"fraud AUC: {score:.3f}")
    if score < 0.7:
        raise ValueError("model below the AUC floor")
    joblib.dump(model, "fraud.joblib")
    return model


def load_transactions(path: str) -> pd.DataFrame:
    """Load card transactions and aggregate them per card."""
    tx = pd.read_parquet(path)
    per_card = tx.groupby("card_id").agg(
        amount_mean=("amount", "mean"),
        amount_max=("amount", "max"),
        merchants=("merchant_id", "nunique"),
        night_share=("is_night", "mean"),
    )
    labels = tx.groupby("card_id")["is_fraud"].max()
    return per_card.join(labels).reset_index(drop=True)
