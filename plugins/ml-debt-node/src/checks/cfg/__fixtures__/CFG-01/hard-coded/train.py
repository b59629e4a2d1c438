"""Train the churn model. Uses lr=0.1 in the docs only."""
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier


def load(path):
    return pd.read_csv(path)


def main():
    df = load("data/churn.csv")
    model = GradientBoostingClassifier(
        learning_rate=0.05,
        n_estimators=300,
        max_depth=4,
        subsample=0.8,
    )
    # max_iter=1000 was too slow
    model.fit(df.drop(columns=["churned"]), df["churned"])


if __name__ == "__main__":
    main()
