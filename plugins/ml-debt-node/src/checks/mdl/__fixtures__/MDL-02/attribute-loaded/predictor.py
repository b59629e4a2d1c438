import kserve
import torch


class ModerationModel(kserve.Model):
    def __init__(self, name: str):
        super().__init__(name)
        self.model = None
        self.ready = False

    def load(self) -> bool:
        self.model = torch.jit.load("/mnt/models/model.pt")
        self.ready = True
        return self.ready

    def predict(self, payload: dict, headers=None) -> dict:
        scores = self.model(torch.tensor(payload["instances"]))
        return {"predictions": scores.tolist()}
