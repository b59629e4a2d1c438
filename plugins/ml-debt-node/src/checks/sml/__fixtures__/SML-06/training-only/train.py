import joblib
from sklearn.linear_model import LogisticRegression


def main(X, y):
    model = LogisticRegression(C=1.0).fit(X, y)
    joblib.dump(model, "model.joblib")
    return joblib.load("model.joblib")
