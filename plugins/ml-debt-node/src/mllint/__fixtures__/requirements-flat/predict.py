import pandas as pd


def predict():
    return pd.DataFrame()
