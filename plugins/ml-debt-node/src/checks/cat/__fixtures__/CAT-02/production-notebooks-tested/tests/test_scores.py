import pandas as pd


def test_scores_are_probabilities():
    scores = pd.read_csv("scores.csv")["score"]
    assert scores.between(0, 1).all()
