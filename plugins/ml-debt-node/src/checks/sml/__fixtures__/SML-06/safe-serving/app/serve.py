import os

import onnxruntime as ort
import torch
from fastapi import FastAPI

app = FastAPI()
MODEL_DIR = os.environ.get("MODEL_DIR", "models")
session = ort.InferenceSession(os.path.join(MODEL_DIR, "model.onnx"))
state = torch.load(os.path.join(MODEL_DIR, "calibration.pt"), weights_only=True)
# legacy: pickle.load(open("model.pkl", "rb"))


@app.post("/predict")
def predict(payload: dict):
    return {"score": float(session.run(None, payload)[0][0])}
