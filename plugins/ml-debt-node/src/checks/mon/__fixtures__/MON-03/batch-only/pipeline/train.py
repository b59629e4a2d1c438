"""Monthly LTV model training."""
import pandas as pd
from sklearn.linear_model import PoissonRegressor


def main() -> None:
    df = pd.read_parquet("data/cohorts.parquet")
    PoissonRegressor(alpha=0.1).fit(df.drop(columns=["ltv"]), df["ltv"])


if __name__ == "__main__":
    main()
