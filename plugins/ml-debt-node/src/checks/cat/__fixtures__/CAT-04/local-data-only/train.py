import joblib
import pandas as pd
from sklearn.linear_model import PoissonRegressor

MODEL_URI = "s3://acme-ml-artifacts/demand/model.joblib"

frame = pd.read_csv("data/sample_sales.csv")
model = PoissonRegressor(alpha=0.1).fit(frame[["price", "promo"]], frame["units"])
joblib.dump(model, "model.joblib")
