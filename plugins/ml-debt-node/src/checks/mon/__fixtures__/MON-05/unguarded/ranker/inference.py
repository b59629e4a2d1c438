"""Re-ranking API."""
import torch
from fastapi import FastAPI

app = FastAPI()
model = torch.jit.load("artifacts/ranker.pt")


@app.post("/rerank")
def rerank(candidates: list[list[float]]) -> dict:
    scores = model(torch.tensor(candidates)).detach().numpy()
    return {"order": (-scores).argsort().tolist()}
