import lightgbm as lgb
import mlflow
import mlflow.lightgbm
import pandas as pd
from sklearn.metrics import mean_absolute_error


def train(df: pd.DataFrame) -> lgb.LGBMRegressor:
    model = lgb.LGBMRegressor(n_estimators=300, random_state=7)
    with mlflow.start_run():
        model.fit(df.drop(columns=["units"]), df["units"])
        mlflow.log_metric("mae", mean_absolute_error(df["units"], model.predict(df.drop(columns=["units"]))))
        mlflow.lightgbm.log_model(model, artifact_path="model")
    return model
