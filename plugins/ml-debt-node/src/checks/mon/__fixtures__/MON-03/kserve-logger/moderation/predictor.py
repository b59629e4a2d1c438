"""KServe predictor for the moderation model."""
import kserve
import torch


class ModerationModel(kserve.Model):
    def load(self) -> bool:
        self.model = torch.jit.load("/mnt/models/model.pt")
        self.ready = True
        return self.ready

    def predict(self, payload: dict, headers: dict | None = None) -> dict:
        batch = torch.tensor(payload["instances"])
        return {"predictions": self.model(batch).softmax(-1).tolist()}


if __name__ == "__main__":
    kserve.ModelServer().start([ModerationModel("image-moderation")])
