"""Weekly performance-estimation DAG."""
from datetime import datetime

from airflow import DAG
from airflow.operators.python import PythonOperator

from forecast.monitoring import estimate

with DAG(
    dag_id="forecast_monitoring",
    schedule="@weekly",
    start_date=datetime(2025, 1, 6),
    catchup=False,
) as dag:
    PythonOperator(task_id="estimate", python_callable=estimate)
