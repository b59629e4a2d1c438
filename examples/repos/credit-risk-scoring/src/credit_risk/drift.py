"""Daily drift and data-quality report (run by the credit-risk-drift CronJob).

Compares the last day of logged serving features with the training reference and pushes
the share of drifted columns to the Prometheus Pushgateway, where an alert watches it.
"""
import argparse
import json
from pathlib import Path

import pandas as pd
from evidently.metric_preset import DataDriftPreset, DataQualityPreset
from evidently.report import Report
from prometheus_client import CollectorRegistry, Gauge, push_to_gateway

from credit_risk.features import FEATURE_COLUMNS, add_derived_features
from credit_risk.train import READ_DTYPES


def load_logged_features(path: str) -> pd.DataFrame:
    records = pd.read_json(path, lines=True)
    return pd.json_normalize(records["features"].tolist())


def drift_report(reference: pd.DataFrame, current: pd.DataFrame) -> dict:
    columns = FEATURE_COLUMNS + ["debt_to_income", "installment_to_income"]
    report = Report(metrics=[DataDriftPreset(drift_share=0.3), DataQualityPreset()])
    report.run(reference_data=reference[columns], current_data=current[columns])
    return report.as_dict()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reference", required=True, help="training reference sample (CSV)")
    parser.add_argument("--current", required=True, help="prediction log for the day (JSON lines)")
    parser.add_argument("--pushgateway", default="prometheus-pushgateway.monitoring:9091")
    parser.add_argument("--out", default="reports/drift.json")
    args = parser.parse_args()

    reference = add_derived_features(pd.read_csv(args.reference, usecols=FEATURE_COLUMNS, dtype=READ_DTYPES))
    result = drift_report(reference, load_logged_features(args.current))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, default=str))

    drift = result["metrics"][0]["result"]
    registry = CollectorRegistry()
    Gauge("credit_risk_drift_share", "Share of drifted feature columns", registry=registry).set(drift["share_of_drifted_columns"])
    Gauge("credit_risk_dataset_drift", "1 if dataset drift detected", registry=registry).set(int(drift["dataset_drift"]))
    push_to_gateway(args.pushgateway, job="credit-risk-drift", registry=registry)


if __name__ == "__main__":
    main()
