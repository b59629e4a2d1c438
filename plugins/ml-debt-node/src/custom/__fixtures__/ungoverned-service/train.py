import pickle

import pandas as pd
from sklearn.ensemble import RandomForestClassifier

# TODO: move the feature list to a config file
FEATURES = ["amount", "merchant_category", "hour", "country_mismatch"]


def load_previous_model():
    with open("models/fraud.pkl", "rb") as f:
        return pickle.load(f)


def train(path):
    frame = pd.read_csv(path)
    # todo: stop dropping rows with missing merchants
    frame = frame.dropna()
    model = RandomForestClassifier()
    model.fit(frame[FEATURES], frame["is_fraud"])
    with open("models/fraud.pkl", "wb") as f:
        pickle.dump(model, f)


if __name__ == "__main__":
    train("data/transactions.csv")
