import torch

from ranker.model import Ranker, pairwise_loss

BUCKETS = 1024
MAX_TOKENS = 16
N_NUMERIC = 5


def _batch(n=8):
    q = torch.randint(1, BUCKETS, (n, MAX_TOKENS))
    d = torch.randint(1, BUCKETS, (n, MAX_TOKENS))
    x = torch.rand(n, N_NUMERIC)
    return q, d, x


def test_scores_have_one_value_per_pair():
    model = Ranker(BUCKETS, dim=8, hidden=16, dropout=0.0)
    q, d, x = _batch()
    assert model(q, d, x).shape == (8,)


def test_one_gradient_step_changes_every_parameter_and_lowers_loss():
    torch.manual_seed(0)
    model = Ranker(BUCKETS, dim=8, hidden=16, dropout=0.0)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    pos, neg = _batch(), _batch()
    before = [p.detach().clone() for p in model.parameters()]

    loss_before = pairwise_loss(model(*pos), model(*neg))
    optimizer.zero_grad()
    loss_before.backward()
    optimizer.step()
    loss_after = pairwise_loss(model(*pos), model(*neg))

    assert loss_after.item() < loss_before.item()
    changed = [not torch.equal(b, p) for b, p in zip(before, model.parameters())]
    assert all(changed)


def test_padding_tokens_do_not_change_the_encoding():
    model = Ranker(BUCKETS, dim=8, hidden=16, dropout=0.0)
    ids = torch.tensor([[5, 7, 0, 0]])
    assert torch.allclose(model.encoder(ids), model.encoder(torch.tensor([[5, 7, 0, 0, 0, 0]])))
