import torch

from churn.model import ChurnNet


def test_one_gradient_step_changes_the_weights():
    torch.manual_seed(0)
    net = ChurnNet(n_features=4)
    optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
    before = [p.clone() for p in net.parameters()]
    loss = nn_loss = torch.nn.functional.binary_cross_entropy_with_logits(
        net(torch.randn(8, 4)), torch.ones(8)
    )
    loss.backward()
    optimizer.step()
    assert torch.isfinite(nn_loss)
    assert any(not torch.equal(a, b) for a, b in zip(before, net.parameters()))
