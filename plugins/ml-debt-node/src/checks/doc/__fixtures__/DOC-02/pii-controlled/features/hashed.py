import hashlib

import pandas as pd


def pseudonymise(frame: pd.DataFrame) -> pd.DataFrame:
    frame["email_key"] = frame["email"].map(lambda v: hashlib.sha256(v.encode()).hexdigest())
    return frame
