import joblib
import pandas as pd
from sklearn.linear_model import LogisticRegression

df = pd.read_csv("data/sample.csv")
model = LogisticRegression(max_iter=500)
model.fit(df[["tenure", "spend"]], df["churned"])
joblib.dump(model, "models/churn.joblib")
