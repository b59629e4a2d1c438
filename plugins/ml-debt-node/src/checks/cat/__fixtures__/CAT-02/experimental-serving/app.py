import joblib
from flask import Flask, jsonify, request

app = Flask(__name__)
model = joblib.load("models/churn.joblib")


@app.route("/predict", methods=["POST"])
def predict():
    payload = request.get_json()
    proba = model.predict_proba([[payload["tenure"], payload["spend"]]])[0, 1]
    return jsonify({"churn_probability": float(proba)})
