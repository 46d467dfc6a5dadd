#!/usr/bin/env bash
# Runs the benchmarks of docs/BENCHMARKS.md. Usage:
#   benchmarks/run.sh server [records]   embedded-server throughput (batch writes, partition scans)
#   benchmarks/run.sh backup [records]   backup job vs raw client scan; the server runs in its own JVM
#   benchmarks/run.sh restore [records]  restore job vs raw client batch writes; the server in its own JVM
#   benchmarks/run.sh restore-write [records] [hosts]  client CPU of the restore's write path, decoded values vs
#                                            particle bytes; encode-only, plus batch writes when hosts are given
#   benchmarks/run.sh incremental [records]  incremental (1% updated) vs full backup, and the change feed's lag;
#                                            the server in its own JVM
#   benchmarks/run.sh cli [records] [hosts]  the bin/aerobackup backup and restore commands under /usr/bin/time against a
#                                            running server (default 127.0.0.1:3000, namespaces test and restore), with
#                                            the raw client scan as the baseline in the same run; probe-shaped records
#   benchmarks/run.sh replication [records] [source hosts|embedded] [destination hosts|same]
#                                        replication lag at 2,000 writes/s (one in 50 a delete) for 60 s, then a
#                                        record-by-record compare; "same" replicates test into the source's "restore"
#   benchmarks/run.sh rawscan [records]  client CPU of a scan: client scan vs raw scan (bins as particle bytes);
#                                        the server in its own JVM (or HOSTS=host:port for a running server)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
what="${1:-backup}"
records="${2:-1000000}"
# The benchmarks are aerobackup-cli's test classes: its classpath holds every module (the other modules as
# their target/classes and target/test-classes folders).
mvn -q -B -DskipTests -pl aerobackup-cli -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-cp.txt
cp="aerobackup-cli/target/test-classes:aerobackup-cli/target/classes:$(cat aerobackup-cli/target/bench-cp.txt)"

# Starts the embedded server in its own JVM on port 3400 and stops it when the script ends.
start_embedded_server() {
  port=3400
  java -Xmx8g -cp "${cp}" io.aerobackup.cli.AerobackupCli server --port "${port}" >/dev/null 2>&1 &
  server_pid=$!
  trap 'kill ${server_pid} 2>/dev/null || true' EXIT
  for _ in $(seq 1 50); do
    (echo > /dev/tcp/127.0.0.1/${port}) 2>/dev/null && break
    sleep 0.2
  done
}
case "${what}" in
  server)
    java -Xmx6g -cp "${cp}" io.aerobackup.benchmark.EmbeddedServerBenchmark "${records}" 1 4
    ;;
  rawscan)
    if [[ -n "${HOSTS:-}" ]]; then
      java -Xmx2g -cp "${cp}" io.aerobackup.benchmark.RawScanBenchmark --hosts "${HOSTS}" --load "${records}" --rich
      exit 0
    fi
    start_embedded_server
    java -Xmx2g -cp "${cp}" io.aerobackup.benchmark.RawScanBenchmark --hosts "127.0.0.1:${port}" --load "${records}" --rich
    ;;
  restore-write)
    java -Xmx2g -XX:+UseParallelGC -cp "${cp}" io.aerobackup.benchmark.RestoreWritePathBenchmark "${records}" 3 ${3:-}
    ;;
  replication)
    java -Xmx2g -cp "${cp}" io.aerobackup.benchmark.ReplicationLagBenchmark "${records}" "${3:-embedded}" "${4:-same}"
    ;;
  backup|restore|incremental)
    start_embedded_server
    main=io.aerobackup.benchmark.BackupBenchmark
    [[ "${what}" == restore ]] && main=io.aerobackup.benchmark.RestoreBenchmark
    [[ "${what}" == incremental ]] && main=io.aerobackup.benchmark.IncrementalBenchmark
    java -Xmx1g -cp "${cp}" "${main}" "${records}" "127.0.0.1:${port}" 2
    ;;
  cli)
    hosts="${3:-127.0.0.1:3000}"
    root="$(mktemp -d /tmp/aerobackup-cli-bench-XXXXXX)"
    trap 'rm -rf "${root}"' EXIT
    probe() { java -cp "${cp}" io.aerobackup.benchmark.ProbeLoad "$@"; }
    timed() { /usr/bin/time -f "%e %U %S %M" -o "${root}/time" "$@"; read -r wall user sys rss < "${root}/time"; }
    report() { # name
      awk -v name="$1" -v n="${records}" -v w="${wall}" -v u="${user}" -v s="${sys}" -v r="${rss}" 'BEGIN {
        printf "%-22s wall %7.2f s  %9.0f records/s  client CPU %6.2f s (%.2f per 1M)  peak RSS %5.0f MiB\n",
               name, w, n / w, u + s, (u + s) * 1e6 / n, r / 1024 }'
    }
    probe load "${hosts}" test "${records}"
    # Builds the jar and the launcher's class-data-sharing archive outside the timed runs.
    bin/aerobackup backup --hosts "${hosts}" --namespace test --to "${root}/warmup" --max-records 10 >/dev/null
    timed java -cp "${cp}" io.aerobackup.benchmark.ProbeLoad scan "${hosts}" test; report "raw client scan"; scan_wall="${wall}"
    timed bin/aerobackup backup --hosts "${hosts}" --namespace test --to "${root}/catalog"; report "aerobackup backup"
    echo "backup / raw scan speed: $(awk -v a="${scan_wall}" -v b="${wall}" 'BEGIN { printf "%.2f", a / b }')"
    echo "backup size: $(du -sb "${root}/catalog" | cut -f1) bytes"
    probe truncate "${hosts}" restore
    timed bin/aerobackup restore --hosts "${hosts}" --from "${root}/catalog" --namespace test,restore; report "aerobackup restore"
    echo "records in restore: $(probe count "${hosts}" restore)"
    ;;
  *)
    echo "usage: benchmarks/run.sh server|backup|restore|restore-write|incremental|replication|rawscan|cli [records] [hosts]" >&2
    exit 2
    ;;
esac
