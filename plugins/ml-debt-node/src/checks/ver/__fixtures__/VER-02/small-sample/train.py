import joblib
import pandas as pd
from sklearn.ensemble import RandomForestClassifier


def train(path: str) -> RandomForestClassifier:
    df = pd.read_csv(path)
    model = RandomForestClassifier(n_estimators=200, random_state=42)
    model.fit(df.drop(columns=["churned"]), df["churned"])
    joblib.dump(model, "models/model.joblib")
    return model


if __name__ == "__main__":
    train("data/customers.csv")
