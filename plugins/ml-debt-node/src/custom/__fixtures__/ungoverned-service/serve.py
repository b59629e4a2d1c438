import pickle

from flask import Flask, request

app = Flask(__name__)
model = pickle.load(open("models/fraud.pkl", "rb"))  # TODO: handle a missing model file


@app.route("/score", methods=["POST"])
def score():
    row = request.get_json()
    return {"fraud": float(model.predict_proba([[row[f] for f in row]])[0][1])}
