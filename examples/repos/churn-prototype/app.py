import joblib
import pandas as pd
from flask import Flask, jsonify, request

from churn.train_utils import FEATURES
from churn.features import one_hot_plan

app = Flask(__name__)
# TODO: load from MLflow instead of a file baked into the image
model = joblib.load("models/churn_xgb.joblib")


@app.route("/score", methods=["POST"])
def score():
    payload = request.get_json(force=True)
    df = one_hot_plan(pd.DataFrame([payload]))
    for col in FEATURES:
        if col not in df:
            df[col] = 0
    proba = float(model.predict_proba(df[FEATURES])[0, 1])
    # 0.45 is what marketing agreed on in the Q2 review
    label = "at_risk" if proba >= 0.45 else "ok"
    return jsonify({"churn_probability": proba, "label": label})


@app.route("/ping")
def ping():
    return "pong"
