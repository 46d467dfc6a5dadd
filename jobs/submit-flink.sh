#!/usr/bin/env bash
# Submits an aerobackup job (the job jar, aerobackup-flink/target/aerobackup-flink-<version>-job.jar) to a
# running Flink 2.x cluster with `flink run`.
#
#   jobs/submit-flink.sh --hosts aerospike:3000 --namespace test --to file:///backups
#
# Everything after the script name is passed to the job's main class unchanged: the options of
# `aerobackup backup` (or, with AEROBACKUP_JOB=io.aerobackup.job.RestoreJob, of `aerobackup restore`),
# as --key value; --help lists them.
#
# Environment:
#   AEROBACKUP_JOB     job main class (default: io.aerobackup.job.BackupJob)
#   FLINK_HOME         Flink distribution to use (default: `flink` on PATH)
#   FLINK_JOBMANAGER   host:port of the JobManager REST endpoint, e.g. localhost:8081
#                      (default: rest.address/rest.port from Flink's config.yaml)
#   FLINK_RUN_OPTS     extra `flink run` options, e.g. "-d -p 4 -Dexecution.checkpointing.interval=1min"
#   USE_DOCKER=1       run `flink run` inside the jobmanager of docker/docker-compose.yml,
#                      which mounts aerobackup-flink/target/ at /opt/aerobackup/target
set -euo pipefail

PROJECT_DIR="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JOB_CLASS="${AEROBACKUP_JOB:-io.aerobackup.job.BackupJob}"

jar=""
for candidate in "${PROJECT_DIR}"/aerobackup-flink/target/aerobackup-flink-*-job.jar; do
  [[ -f "${candidate}" ]] || continue
  if [[ -z "${jar}" || "${candidate}" -nt "${jar}" ]]; then jar="${candidate}"; fi
done
if [[ -z "${jar}" ]]; then
  echo "no aerobackup-flink/target/aerobackup-flink-<version>-job.jar: run 'mvn -B -DskipTests package' in ${PROJECT_DIR}" >&2
  exit 2
fi

run_opts=(-c "${JOB_CLASS}")
[[ -n "${FLINK_JOBMANAGER:-}" ]] && run_opts+=(-m "${FLINK_JOBMANAGER}")
# shellcheck disable=SC2206 # FLINK_RUN_OPTS is a list of options, split on purpose
[[ -n "${FLINK_RUN_OPTS:-}" ]] && run_opts+=(${FLINK_RUN_OPTS})

if [[ "${USE_DOCKER:-}" == "1" ]]; then
  set -x
  exec docker compose -f "${PROJECT_DIR}/docker/docker-compose.yml" exec jobmanager \
    flink run "${run_opts[@]}" "/opt/aerobackup/target/$(basename "${jar}")" "$@"
fi

flink="flink"
[[ -n "${FLINK_HOME:-}" ]] && flink="${FLINK_HOME}/bin/flink"
command -v "${flink}" >/dev/null 2>&1 \
  || { echo "'${flink}' not found: install Flink 2.2 and set FLINK_HOME, or use USE_DOCKER=1" >&2; exit 2; }

set -x
exec "${flink}" run "${run_opts[@]}" "${jar}" "$@"
