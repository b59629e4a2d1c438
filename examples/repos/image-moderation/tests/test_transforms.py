import torch
from PIL import Image

from moderation.transforms import eval_transform, to_rgb, train_transform


def test_eval_transform_outputs_normalised_square_tensor():
    tensor = eval_transform(224)(Image.new("RGB", (640, 480), color=(128, 128, 128)))
    assert tensor.shape == (3, 224, 224)
    assert tensor.abs().max() < 3


def test_train_and_eval_transforms_agree_on_shape():
    image = Image.new("RGB", (300, 500))
    assert train_transform(160)(image).shape == eval_transform(160)(image).shape


def test_palette_and_alpha_images_become_rgb():
    assert to_rgb(Image.new("RGBA", (10, 10))).mode == "RGB"
    assert to_rgb(Image.new("P", (10, 10))).mode == "RGB"


def test_eval_transform_is_deterministic():
    image = Image.effect_noise((256, 256), 40).convert("RGB")
    assert torch.equal(eval_transform(224)(image), eval_transform(224)(image))
