import sys

import pandas as pd
import xgboost as xgb

frame = pd.read_parquet("data/train.parquet")
booster = xgb.train({"max_depth": 6}, xgb.DMatrix(frame.drop(columns="y"), frame["y"]))
booster.save_raw()
out = sys.argv[1]
