import torch
from torch import nn

from moderation.model import build_model, unsafe_probability


def test_head_outputs_one_logit_per_image():
    model = build_model(pretrained=False)
    assert model(torch.rand(2, 3, 224, 224)).shape == (2, 1)


def test_one_training_step_reduces_loss_on_a_fixed_batch():
    torch.manual_seed(0)
    model = build_model(pretrained=False)
    model.train()
    images, labels = torch.rand(4, 3, 96, 96), torch.tensor([0.0, 1.0, 0.0, 1.0])
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
    criterion = nn.BCEWithLogitsLoss()
    losses = []
    for _ in range(3):
        optimizer.zero_grad()
        loss = criterion(model(images).squeeze(-1), labels)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    assert losses[-1] < losses[0]


def test_probabilities_are_in_unit_interval_and_model_left_in_eval_mode():
    model = build_model(pretrained=False)
    probs = unsafe_probability(model, torch.rand(3, 3, 96, 96))
    assert ((probs >= 0) & (probs <= 1)).all()
    assert not model.training
