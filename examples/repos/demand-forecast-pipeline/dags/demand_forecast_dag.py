"""Airflow DAG: weekly demand forecast (Mondays 03:00 UTC)."""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator

DEFAULT_ARGS = {
    "owner": "forecasting-ml",
    "retries": 2,
    "retry_delay": timedelta(minutes=15),
    "email": ["forecasting-ml@acme.example"],
    "email_on_failure": True,
}

IMAGE_CMD = "cd /opt/forecast && FORECAST_ENV=prod python -m forecast.{step}"

with DAG(
    dag_id="demand_forecast_weekly",
    default_args=DEFAULT_ARGS,
    schedule="0 3 * * 1",
    start_date=datetime(2025, 1, 6),
    catchup=False,
    tags=["forecasting", "ml"],
) as dag:
    extract = BashOperator(task_id="extract", bash_command=IMAGE_CMD.format(step="sources"))
    train = BashOperator(task_id="train", bash_command=IMAGE_CMD.format(step="train"))
    backtest = BashOperator(task_id="backtest", bash_command=IMAGE_CMD.format(step="backtest"))
    publish = BashOperator(
        task_id="publish",
        bash_command=IMAGE_CMD.format(step="publish"),
        env={"MLFLOW_RUN_ID": "{{ ti.xcom_pull(task_ids='train') }}"},
        append_env=True,
    )

    extract >> train >> backtest >> publish
