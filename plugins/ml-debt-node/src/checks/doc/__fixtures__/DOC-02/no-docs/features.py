import pandas as pd

FEATURES = [
    "tenure",
    "spend",
    "customer_email",
    "phone_number",
]


def build(frame: pd.DataFrame) -> pd.DataFrame:
    frame["zip"] = frame["postcode"].str[:3]
    return frame[FEATURES]
