import base64
import io

import pytest
from PIL import Image
from safetensors.torch import save_file

from moderation.model import build_model
from moderation.predictor import ImageModerationModel


@pytest.fixture
def predictor(tmp_path):
    save_file(build_model(pretrained=False).state_dict(), str(tmp_path / "model.safetensors"))
    return ImageModerationModel("image-moderation", str(tmp_path), image_size=96)


def _b64_image():
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), color=(200, 10, 10)).save(buffer, format="JPEG")
    return base64.b64encode(buffer.getvalue()).decode()


def test_model_is_loaded_on_construction(predictor):
    assert predictor.ready
    assert predictor.model is not None


def test_every_instance_gets_a_verdict(predictor):
    out = predictor.predict({"instances": [{"listing_id": "l-1", "image_b64": _b64_image()}] * 3})
    assert len(out["predictions"]) == 3
    assert {p["verdict"] for p in out["predictions"]} <= {"allow", "block", "review"}
    assert all(0.0 <= p["unsafe_probability"] <= 1.0 for p in out["predictions"])
