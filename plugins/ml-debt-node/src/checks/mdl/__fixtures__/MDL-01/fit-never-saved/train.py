import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.preprocessing import StandardScaler


def main():
    df = pd.read_csv("data/transactions.csv")
    scaler = StandardScaler()
    X = scaler.fit(df[["amount"]]).transform(df[["amount"]])
    clf = RandomForestClassifier(n_estimators=200, random_state=7)
    clf.fit(X, df["is_fraud"])
    print("train accuracy", clf.score(X, df["is_fraud"]))
    # joblib.dump(clf, "model.pkl")  -- TODO


if __name__ == "__main__":
    main()
