import joblib
from flask import Flask, jsonify, request

app = Flask(__name__)

model = None  # loaded at start-up


def load_model():
    model = joblib.load("models/fraud.joblib")
    return model


@app.route("/predict", methods=["POST"])
def predict():
    features = request.get_json()["features"]
    return jsonify({"fraud": int(model.predict([features])[0])})
