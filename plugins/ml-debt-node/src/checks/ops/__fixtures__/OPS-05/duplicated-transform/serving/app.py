import joblib
import numpy as np
import pandas as pd
from flask import Flask, jsonify, request

app = Flask(__name__)
model = joblib.load("models/churn.joblib")


def build_features(frame: pd.DataFrame) -> pd.DataFrame:
    # Copied from training/features.py so the image does not need the training code.
    out = frame.copy()
    out["log_spend"] = np.log(out["monthly_spend"] + 1)
    out["tenure_years"] = out["tenure_months"] // 12
    return out


@app.route("/score", methods=["POST"])
def score():
    frame = build_features(pd.DataFrame([request.get_json()]))
    return jsonify({"churn_probability": float(model.predict_proba(frame)[0, 1])})
