import argparse

from sklearn.linear_model import LogisticRegression


def build(C=1.0, max_iter=100):
    return LogisticRegression(C=C, max_iter=max_iter)


def train(
    X,
    y,
    alpha=0.5,
    gamma=0.1,
):
    return build().fit(X, y)


def parse():
    parser = argparse.ArgumentParser()
    parser.add_argument("--learning-rate", type=float, default=0.1)
    parser.add_argument("--epochs", type=int, default=10)
    return parser.parse_args()


if __name__ == "__main__":
    args = parse()
