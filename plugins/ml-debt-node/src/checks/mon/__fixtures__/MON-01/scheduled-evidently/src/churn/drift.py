"""Daily input-drift report against the training reference set."""
import argparse

import pandas as pd
from evidently.metric_preset import DataDriftPreset, DataQualityPreset
from evidently.report import Report


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reference", required=True)
    parser.add_argument("--current", required=True)
    args = parser.parse_args()
    report = Report(metrics=[DataDriftPreset(), DataQualityPreset()])
    report.run(reference_data=pd.read_csv(args.reference), current_data=pd.read_csv(args.current))
    report.save_json("/reports/drift.json")


if __name__ == "__main__":
    main()
