import os
import pickle

import torch
from fastapi import FastAPI

app = FastAPI()
MODEL_DIR = os.environ.get("MODEL_DIR", "models")

with open(os.path.join(MODEL_DIR, "encoder.pkl"), "rb") as f:
    encoder = pickle.load(f)
net = torch.load(
    os.path.join(MODEL_DIR, "net.pt"),
    map_location="cpu",
)


@app.post("/predict")
def predict(payload: dict):
    return {"score": float(net(encoder.transform([payload]))[0])}
