import joblib
import pandas as pd
from sqlalchemy import create_engine

engine = create_engine("postgresql://warehouse/analytics")
model = joblib.load("models/churn.joblib")

customers = pd.read_sql("SELECT * FROM customers", engine)
customers["churn_probability"] = model.predict_proba(customers[["tenure", "spend"]])[:, 1]
customers[["customer_id", "churn_probability"]].to_sql("churn_scores", engine, if_exists="replace")
