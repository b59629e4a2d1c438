#!/usr/bin/env bash
# Runs the churn notebooks end to end. Usage: ./run_pipeline.sh 2026-11-01
set -euo pipefail

SNAPSHOT_DATE="${1:-$(date +%Y-%m-%d)}"
OUT=output/${SNAPSHOT_DATE}
mkdir -p "${OUT}" models

papermill 02_feature_engineering.ipynb "${OUT}/02_feature_engineering.ipynb" -p snapshot_date "${SNAPSHOT_DATE}"
papermill 03_train_xgb.ipynb "${OUT}/03_train_xgb.ipynb" -p snapshot_date "${SNAPSHOT_DATE}"
papermill churn/scoring_notebook.ipynb "${OUT}/scoring.ipynb" -p snapshot_date "${SNAPSHOT_DATE}"

echo "done, scores in ${OUT}/churn_scores.csv"
