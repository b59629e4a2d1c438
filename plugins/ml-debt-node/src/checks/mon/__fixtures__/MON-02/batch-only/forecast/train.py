"""Weekly demand forecast: train and write next week's forecast to the warehouse."""
import lightgbm as lgb
import pandas as pd


def main() -> None:
    history = pd.read_parquet("data/sales.parquet")
    model = lgb.LGBMRegressor(n_estimators=400).fit(history.drop(columns=["units"]), history["units"])
    future = pd.read_parquet("data/next_week.parquet")
    future.assign(units=model.predict(future)).to_parquet("out/forecast.parquet")


if __name__ == "__main__":
    main()
