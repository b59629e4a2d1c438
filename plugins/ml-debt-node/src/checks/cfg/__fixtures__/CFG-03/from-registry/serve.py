import json

import joblib
from fastapi import FastAPI

app = FastAPI()
model = joblib.load("model/model.joblib")
with open("model/metadata.json") as f:
    model_meta = json.load(f)
threshold = model_meta["threshold"]


@app.post("/predict")
def predict(features: dict):
    proba = model.predict_proba([list(features.values())])[0, 1]
    # scores above 0.5 used to be flagged; see the model card
    clipped = max(min(proba, 1 - 1e-6), 0.001)
    assert 0.0 <= proba <= 1.0
    return {"fraud": bool(clipped >= threshold)}
