package io.aerobackup.estimate;

import com.aerospike.client.AerospikeClient;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.cluster.AerospikeClients;
import io.aerobackup.cluster.InfoClient;
import io.aerobackup.execution.BadInputException;
import io.aerobackup.restore.sink.RestoreWriteOptions;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Collects an {@link Estimate}: checks the input against the cluster (hosts, namespace, sets: a
 * {@link BadInputException} names the bad one), reads the statistics, takes the sample, finds the
 * change rate, probes a backup's per-record cost on whole partitions (without a past full backup to
 * take B from) and measures (or derives) a restore's B.
 */
public final class Estimator {
    private Estimator() {
    }

    public static Estimate run(EstimateRequest request) throws IOException {
        Optional<BackupManifest> latest = latestBackup(request);
        AerospikeClient client;
        try {
            client = AerospikeClients.create(request.connection());
        } catch (AerospikeClients.ClusterUnreachableException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        try (client) {
            checkNames(new InfoClient(client), request);
            ClusterStatistics stats = ClusterStatistics.read(client, request.namespace(), request.sets());
            Sample sample = Sampler.take(client, request.namespace(), request.sets(), request.sampleSize(),
                    stats.records(), request.socketTimeout());
            double changePerDay;
            String changeSource;
            long changed = -1;
            if (request.changeRatePercent() != null) {
                changePerDay = request.changeRatePercent() / 100;
                changeSource = "given (--change-rate)";
            } else if (latest.isPresent() && stats.records() > 0) {
                long since = latest.get().coverageEndMillis();
                changed = ChangeCounter.countSince(client, request.namespace(), request.sets(), since,
                        request.socketTimeout());
                double days = Math.max(60_000, System.currentTimeMillis() - since) / 86_400_000.0;
                changePerDay = changed / (double) stats.records() / days;
                changeSource = "measured: " + changed + " records updated since backup " + latest.get().backupId()
                        + " (" + Instant.ofEpochMilli(since) + ")";
            } else {
                changePerDay = EstimateRequest.ASSUMED_CHANGE_PERCENT / 100;
                changeSource = "assumed " + EstimateRequest.ASSUMED_CHANGE_PERCENT + " %/day (give --change-rate, or"
                        + " --to a catalog with a backup of the namespace)";
            }
            Estimate.PastBackup past = pastFullBackup(request);
            int parallelism = JobThroughput.parallelism(request.parallelism());
            // A past backup's own run is the better B; without one, whole partitions give the per-record cost.
            ScanProbe.Result probe = past == null && sample.size() > 0
                    ? ScanProbe.run(client, request.namespace(), request.sets(), stats.records(), request.socketTimeout())
                    : null;
            double restoreB;
            String restoreSource;
            String scratch = null;
            if (request.writeTestRecords() > 0 && sample.size() > 0) {
                WriteTest.Result test = writeTest(client, request, sample, parallelism);
                restoreB = JobThroughput.restoreRecordsPerSecond(test);
                scratch = test.scratchSet();
                restoreSource = String.format(Locale.ROOT, "measured: %,d sampled records written in batches of %d,"
                        + " %d in flight (a restore's %d writers), into scratch set %s of namespace %s in %d ms"
                        + " (fastest of %d rounds; deleted afterwards)%s", test.records(),
                        RestoreWriteOptions.BATCH_SIZE.defaultValue(), test.inFlight(), parallelism, scratch,
                        request.restoreNamespace(), test.time().toMillis(), WriteTest.ROUNDS,
                        test.failed() > 0 ? ", " + test.failed() + " writes failed" : "");
            } else {
                double backupB = Estimate.backupRecordsPerSecond(past, probe, parallelism);
                restoreB = sample.size() == 0 && past == null ? 1 : backupB * request.restoreRatio();
                restoreSource = sample.size() == 0 ? "no records to measure with"
                        : "derived: " + request.restoreRatio() + " x the backup's B (--no-write-test, --restore-ratio)";
            }
            return new Estimate(request, stats, sample, changePerDay, changeSource, changed, restoreB, restoreSource,
                    scratch, past, probe, parallelism);
        }
    }

    private static WriteTest.Result writeTest(AerospikeClient client, EstimateRequest request, Sample sample,
                                              int writers) throws IOException {
        try {
            return WriteTest.run(client, request.restoreNamespace(), sample.rows(), request.writeTestRecords(), writers,
                    request.socketTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted during the write test");
        }
    }

    /** A full backup smaller than this is mostly start-up time: its rate says little about B. */
    static final long MIN_RECORDS_FOR_B = 1_000;

    /** The catalog's newest complete full backup of a meaningful size, whose run time gives the backup's B. */
    private static Estimate.PastBackup pastFullBackup(EstimateRequest request) throws IOException {
        if (request.catalogRoot() == null) {
            return null;
        }
        BackupManifest best = null;
        for (Catalog.CatalogEntry entry : new Catalog(new Path(request.catalogRoot())).list(request.namespace())) {
            BackupManifest m = entry.complete() ? entry.manifest() : null;
            if (m != null && BackupManifest.FULL.equals(m.kind()) && m.recordCount() >= MIN_RECORDS_FOR_B
                    && m.startedAt() != null && m.finishedAt() != null) {
                best = m;
            }
        }
        if (best == null) {
            return null;
        }
        Duration elapsed = Duration.between(Instant.parse(best.startedAt()), Instant.parse(best.finishedAt()));
        return elapsed.isNegative() || elapsed.isZero() ? null
                : new Estimate.PastBackup(best.backupId(), best.recordCount(), elapsed);
    }


    /** The catalog's latest committed backup of the namespace, read before connecting: a bad --to fails fast. */
    private static Optional<BackupManifest> latestBackup(EstimateRequest request) throws IOException {
        if (request.catalogRoot() == null) {
            return Optional.empty();
        }
        Path root = new Path(request.catalogRoot());
        if (!root.getFileSystem().exists(root)) {
            throw new BadInputException("--to " + request.catalogRoot() + " does not exist");
        }
        return new Catalog(root).latest(request.namespace());
    }

    private static void checkNames(InfoClient info, EstimateRequest request) {
        Set<String> namespaces = info.namespaces();
        for (String ns : new java.util.LinkedHashSet<>(java.util.List.of(request.namespace(), request.restoreNamespace()))) {
            if (!namespaces.contains(ns)) {
                throw new BadInputException("namespace '" + ns + "' not found; the cluster has "
                        + String.join(", ", namespaces));
            }
        }
        Set<String> sets = info.sets(request.namespace());
        for (String set : request.sets()) {
            if (!sets.contains(set)) {
                throw new BadInputException("set '" + set + "' not found in namespace " + request.namespace()
                        + (sets.isEmpty() ? " (it has no sets)" : "; it has " + String.join(", ", sets)));
            }
        }
    }
}
