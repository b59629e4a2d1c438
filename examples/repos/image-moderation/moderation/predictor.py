"""KServe custom predictor for listing images."""
import argparse
import base64
import io
import logging
import os

import kserve
import numpy as np
import torch
from PIL import Image
from prometheus_client import Counter, Histogram
from safetensors.torch import load_file

from moderation.model import build_model, unsafe_probability
from moderation.transforms import eval_transform, to_rgb

logger = logging.getLogger("moderation.predictor")

VERDICTS = Counter("moderation_verdicts_total", "Moderation verdicts", ["verdict"])
NON_FINITE = Counter("moderation_non_finite_outputs_total", "Non-finite model outputs")
BATCH_SIZE = Histogram("moderation_batch_size", "Images per request", buckets=(1, 2, 4, 8, 16, 32))


class ImageModerationModel(kserve.Model):
    def __init__(self, name: str, model_dir: str, image_size: int = 224):
        super().__init__(name)
        self.model_dir = model_dir
        self.transform = eval_transform(image_size)
        self.model = None
        self.load()

    def load(self) -> bool:
        model = build_model(pretrained=False)
        model.load_state_dict(load_file(os.path.join(self.model_dir, "model.safetensors")))
        self.model = model.eval()
        self.ready = True
        return self.ready

    def predict(self, payload: dict, headers: dict | None = None) -> dict:
        instances = payload["instances"]
        BATCH_SIZE.observe(len(instances))
        batch = torch.stack(
            [self.transform(to_rgb(Image.open(io.BytesIO(base64.b64decode(i["image_b64"]))))) for i in instances]
        )
        probabilities = unsafe_probability(self.model, batch).numpy()
        predictions = []
        for instance, probability in zip(instances, probabilities):
            if not np.isfinite(probability):
                NON_FINITE.inc()
                verdict = "review"
            elif probability >= 0.8:
                verdict = "block"
            else:
                verdict = "allow"
            VERDICTS.labels(verdict=verdict).inc()
            predictions.append(
                {"listing_id": instance.get("listing_id"), "unsafe_probability": float(probability), "verdict": verdict}
            )
        logger.info("prediction batch %s", [(p["listing_id"], p["verdict"]) for p in predictions])
        return {"predictions": predictions}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(parents=[kserve.model_server.parser])
    parser.add_argument("--model_name", default="image-moderation")
    args, _ = parser.parse_known_args()
    kserve.ModelServer().start([ImageModerationModel(args.model_name, os.environ["MODEL_DIR"])])
