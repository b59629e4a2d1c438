"""Training for the churn model."""
import joblib
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

def train_churn_model(df: pd.DataFrame, target: str = "churned") -> Pipeline:
    """Fit the churn model on a prepared frame."""
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
        test_size=0.2,
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
            ("clf", GradientBoostingClassifier(n_estimators=200, max_depth=3)),
        ]
    )
    model.fit(x_train, y_train)
    score = roc_auc_score(y_test, model.predict_proba(x_test)[:, 1])
    print(f"churn AUC: {score:.3f}")
    if score < 0.7:
        raise ValueError("model below the AUC floor")
    joblib.dump(model, "churn.joblib")
    return model


def load_churn(path: str) -> pd.DataFrame:
    """Load the monthly churn export."""
    df = pd.read_csv(path, parse_dates=["signup_date", "last_seen"])
    df["tenure_days"] = (df["last_seen"] - df["signup_date"]).dt.days
    df["is_annual"] = df["plan"].str.endswith("_annual")
    df = df[df["country"].isin(["DE", "FR", "NL", "BE"])]
    df = df.drop(columns=["email", "phone", "signup_date", "last_seen"])
    return df


def main() -> None:
    train_churn_model(load_churn("data/churn.csv"))


if __name__ == "__main__":
    main()
