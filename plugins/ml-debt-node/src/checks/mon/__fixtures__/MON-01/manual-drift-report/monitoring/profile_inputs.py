"""Profile a batch of scoring inputs and compare it with the training profile.

Run by hand after each release: python monitoring/profile_inputs.py inputs.csv
"""
import sys

import pandas as pd
import whylogs as why


def main(path: str) -> None:
    results = why.log(pd.read_csv(path))
    results.writer("local").write()


if __name__ == "__main__":
    main(sys.argv[1])
