import pandas as pd
from sklearn.preprocessing import OneHotEncoder, StandardScaler


def fit_preprocessing(frame: pd.DataFrame):
    scaler = StandardScaler().fit(frame[["amount"]])
    encoder = OneHotEncoder(handle_unknown="ignore")
    encoder.fit(frame[["country"]])
    return scaler, encoder
