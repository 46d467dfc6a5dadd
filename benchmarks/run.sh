#!/usr/bin/env bash
# Runs the benchmarks of docs/BENCHMARKS.md. Usage:
#   benchmarks/run.sh server [records]   embedded-server throughput (batch writes, partition scans)
#   benchmarks/run.sh backup [records]   backup job vs raw client scan; the server runs in its own JVM
#   benchmarks/run.sh restore [records]  restore job vs raw client batch writes; the server in its own JVM
#   benchmarks/run.sh restore-write [records] [hosts]  client CPU of the restore's write path, decoded values vs
#                                            particle bytes; encode-only, plus batch writes when hosts are given
#   benchmarks/run.sh incremental [records]  incremental (1% updated) vs full backup, and the change feed's lag;
#                                            the server in its own JVM
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
what="${1:-backup}"
records="${2:-1000000}"
mvn -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-cp.txt
cp="target/test-classes:target/classes:$(cat target/bench-cp.txt)"
case "${what}" in
  server)
    java -Xmx6g -cp "${cp}" io.aerobackup.benchmark.EmbeddedServerBenchmark "${records}" 1 4
    ;;
  restore-write)
    java -Xmx2g -XX:+UseParallelGC -cp "${cp}" io.aerobackup.benchmark.RestoreWritePathBenchmark "${records}" 3 ${3:-}
    ;;
  backup|restore|incremental)
    port=3400
    java -Xmx8g -cp "${cp}" io.aerobackup.cli.AerobackupCli server --port "${port}" >/dev/null 2>&1 &
    server_pid=$!
    trap 'kill ${server_pid} 2>/dev/null || true' EXIT
    for _ in $(seq 1 50); do
      (echo > /dev/tcp/127.0.0.1/${port}) 2>/dev/null && break
      sleep 0.2
    done
    main=io.aerobackup.benchmark.BackupBenchmark
    [[ "${what}" == restore ]] && main=io.aerobackup.benchmark.RestoreBenchmark
    [[ "${what}" == incremental ]] && main=io.aerobackup.benchmark.IncrementalBenchmark
    java -Xmx1g -cp "${cp}" "${main}" "${records}" "127.0.0.1:${port}" 2
    ;;
  *)
    echo "usage: benchmarks/run.sh server|backup|restore|restore-write|incremental [records]" >&2
    exit 2
    ;;
esac
