"""Re-ranking API."""
import numpy as np
import torch
from fastapi import FastAPI, HTTPException

app = FastAPI()
model = torch.jit.load("artifacts/ranker.pt")


@app.post("/rerank")
def rerank(candidates: list[list[float]]) -> dict:
    scores = model(torch.tensor(candidates)).detach().numpy()
    if not np.isfinite(scores).all():
        raise HTTPException(status_code=500, detail="model returned non-finite scores")
    return {"order": np.argsort(-scores).tolist()}
