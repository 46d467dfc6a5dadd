"""Nightly aerobackup of namespace "test" as an Airflow DAG: backup, then verify, then prune.

Each task runs the aerobackup command line on the Airflow worker (a checkout, or the image of
docker/Dockerfile), so the backup job runs on a Flink mini-cluster in that process; no Flink cluster
is needed.

Success and failure:
  - Exit codes (io.aerobackup.cli.ExitCodes): 0 success, 1 the run failed, 2 bad input (nothing was
    written), 3 interrupted. BashOperator marks a task failed on any exit code but 0; retries help
    only with 1 (a cluster or destination that was briefly unavailable), so they are kept low.
  - The manifest: a backup is complete only once its manifest.json is in the catalog; the verify task
    checks every file of it against its SHA-256 and fails (exit 1) on damage.
  - Metrics: with FLINK_CONF_DIR pointing at conf/ each run serves Prometheus metrics while it runs
    (docs/METRICS.md); alert on failed DAG runs and on no complete backup for 26 hours.

Configuration comes from the worker's environment, never from this file: AEROBACKUP_HOME (the
checkout or /opt/aerobackup), AEROSPIKE_HOSTS and AEROBACKUP_CATALOG (a catalog root URI; object
store credentials as environment variables or a role of the worker).
"""

from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator  # Airflow 2.4+; Airflow 3: airflow.providers.standard.operators.bash

NAMESPACE = "test"

with DAG(
    dag_id="aerobackup_nightly",
    schedule="0 2 * * *",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 1, "retry_delay": timedelta(minutes=10)},
    tags=["aerobackup"],
) as dag:
    backup = BashOperator(
        task_id="backup",
        bash_command="""
            "$AEROBACKUP_HOME/bin/aerobackup" backup --hosts "$AEROSPIKE_HOSTS" \
                --namespace {{ params.namespace }} --to "$AEROBACKUP_CATALOG" \
                --incremental --full-if-missing --json
        """,
        params={"namespace": NAMESPACE},
        execution_timeout=timedelta(hours=6),
    )

    verify = BashOperator(
        task_id="verify",
        bash_command="""
            "$AEROBACKUP_HOME/bin/aerobackup" verify --from "$AEROBACKUP_CATALOG" \
                --namespace {{ params.namespace }} --json
        """,
        params={"namespace": NAMESPACE},
        retries=0,
    )

    prune = BashOperator(
        task_id="prune",
        bash_command="""
            "$AEROBACKUP_HOME/bin/aerobackup" prune --to "$AEROBACKUP_CATALOG" \
                --namespace {{ params.namespace }} --keep-daily 7 --keep-weekly 4 --keep-monthly 12 --json
        """,
        params={"namespace": NAMESPACE},
    )

    backup >> verify >> prune
