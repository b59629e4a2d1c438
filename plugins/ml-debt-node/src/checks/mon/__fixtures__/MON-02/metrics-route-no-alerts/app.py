"""Fraud scoring service with a hand-rolled Prometheus text endpoint."""
import time

import joblib
from flask import Flask, Response, jsonify, request

app = Flask(__name__)
model = joblib.load("model.joblib")
REQUESTS = {"count": 0, "seconds": 0.0}


@app.post("/score")
def score():
    started = time.perf_counter()
    proba = float(model.predict_proba([request.json["features"]])[0, 1])
    REQUESTS["count"] += 1
    REQUESTS["seconds"] += time.perf_counter() - started
    return jsonify(probability=proba)


@app.route("/metrics")
def metrics():
    body = (
        f"fraud_requests_total {REQUESTS['count']}\n"
        f"fraud_request_seconds_sum {REQUESTS['seconds']}\n"
    )
    return Response(body, mimetype="text/plain")
