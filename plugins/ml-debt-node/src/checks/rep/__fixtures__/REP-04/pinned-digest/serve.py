import joblib
from flask import Flask, jsonify, request

app = Flask(__name__)
model = joblib.load("model.joblib")


@app.post("/predict")
def predict():
    return jsonify(score=float(model.predict_proba([request.json["features"]])[0][1]))
