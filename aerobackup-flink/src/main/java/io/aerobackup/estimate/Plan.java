package io.aerobackup.estimate;

import io.aerobackup.estimate.Advice.Strategy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.aerobackup.estimate.Schedules.bytes;
import static io.aerobackup.estimate.Schedules.duration;

/** One candidate schedule with its costs: worst restore time, storage, and which goals it misses. */
final class Plan {
    final Strategy strategy;
    final Duration every;
    final Duration fullEvery;
    final long deltas;
    final Duration restore;
    final double storage;
    final int changeTrigger;
    private final long fullsKept;

    private Plan(Strategy strategy, Duration every, Duration fullEvery, long deltas, Duration restore, double storage,
                 int changeTrigger, long fullsKept) {
        this.strategy = strategy;
        this.every = every;
        this.fullEvery = fullEvery;
        this.deltas = deltas;
        this.restore = restore;
        this.storage = storage;
        this.changeTrigger = changeTrigger;
        this.fullsKept = fullsKept;
    }

    static Plan fullOnly(Figures f, Goals g, Duration every) {
        long fulls = kept(g.retentionOrDefault(), every);
        return new Plan(Strategy.FULL_ONLY, null, every, 0, f.fullRestoreTime(), fulls * f.fullOutputBytes(),
                StrategyAdvisor.DEFAULT_CHANGE_TRIGGER, fulls);
    }

    /** Fulls every {@code cadence}, deltas (or change-feed rounds) every {@code every} in between. */
    static Plan chain(Figures f, Goals g, Strategy strategy, Duration every, Duration cadence) {
        long deltas = Math.max(0, cadence.toMillis() / every.toMillis() - 1);
        long fulls = kept(g.retentionOrDefault(), cadence);
        long deltasKept = kept(g.retentionOrDefault(), every);
        Duration restore;
        double deltaStorage;
        if (strategy == Strategy.CUMULATIVE) {
            restore = f.chainRestoreTime(f.changedRecords(cadence.minus(every)), 1);
            deltaStorage = deltasKept * f.incrementalOutputBytes(cadence) / 2; // they grow from 0 to a cycle's changes
        } else {
            restore = f.chainRestoreTime(deltas * f.changedRecords(every), deltas);
            deltaStorage = deltasKept * f.incrementalOutputBytes(every);
        }
        return new Plan(strategy, every, cadence, deltas, restore, fulls * f.fullOutputBytes() + deltaStorage,
                changeTrigger(f, g), fulls);
    }

    /** The change-volume %: 50, or lower when the RTO leaves less room for delta rows to read. */
    private static int changeTrigger(Figures f, Goals g) {
        if (g.rto() == null || f.records() == 0) {
            return StrategyAdvisor.DEFAULT_CHANGE_TRIGGER;
        }
        double spare = g.rto().minus(f.fullRestoreTime()).toMillis() / 1000.0;
        double rows = Math.max(0, spare) * f.backupRecordsPerSecond();
        int pct = (int) Math.floor(rows * 100 / f.records());
        return Math.max(1, Math.min(StrategyAdvisor.DEFAULT_CHANGE_TRIGGER, pct));
    }

    /** How many backups taken every {@code interval} a retention keeps, with the one being written. */
    private static long kept(Duration retention, Duration interval) {
        return (retention.toMillis() + interval.toMillis() - 1) / interval.toMillis() + 1;
    }

    boolean storageOk(Goals g) {
        return g.maxStorage() == null || storage <= g.maxStorage();
    }

    boolean meets(Figures f, Goals g) {
        return misses(f, g) == 0;
    }

    /** How many of the goals (and the schedule's own limits) this plan misses. */
    int misses(Figures f, Goals g) {
        int misses = 0;
        if (g.rto() != null && restore.compareTo(g.rto()) > 0) {
            misses++;
        }
        if (!storageOk(g)) {
            misses++;
        }
        if (!StrategyAdvisor.fits(f.fullBackupTime(), fullEvery)) {
            misses++;
        }
        if (strategy == Strategy.CUMULATIVE && !StrategyAdvisor.fits(f.incrementalTime(fullEvery), every)) {
            misses++;
        }
        return misses;
    }

    Advice advice(Figures f, Goals g, List<String> reasonsSoFar, List<String> unmetSoFar) {
        List<String> reasons = new ArrayList<>(reasonsSoFar);
        List<String> unmet = new ArrayList<>(unmetSoFar);
        if (strategy != Strategy.FULL_ONLY) {
            reasons.add("fulls every " + duration(fullEvery) + " (" + Schedules.cron(fullEvery) + "), "
                    + (strategy == Strategy.CUMULATIVE ? "so the last cumulative delta holds up to "
                    + f.changedRecords(fullEvery.minus(every)) + " records"
                    : "so a restore reads at most " + deltas + " deltas"));
        }
        reasons.add("worst-case restore: " + duration(restore) + (g.rto() == null ? "" : " (RTO " + duration(g.rto()) + ")"));
        reasons.add("storage for a retention of " + duration(g.retentionOrDefault()) + ": " + bytes(storage) + " ("
                + fullsKept + " fulls of " + bytes(f.fullOutputBytes()) + (strategy == Strategy.FULL_ONLY ? ""
                : " plus deltas") + ")" + (g.maxStorage() == null ? "" : ", --max-storage " + bytes(g.maxStorage())));
        boolean rtoBelowFull = g.rto() != null && g.rto().compareTo(f.fullRestoreTime()) < 0;
        if (g.rto() != null && !rtoBelowFull && restore.compareTo(g.rto()) > 0) {
            unmet.add("RTO " + duration(g.rto()) + " is below the restore time of the longest chain, " + duration(restore)
                    + " (a full every " + duration(fullEvery) + " is the most often this plan allows)");
        }
        if (!storageOk(g)) {
            unmet.add("--max-storage " + bytes(g.maxStorage()) + " is below what a retention of "
                    + duration(g.retentionOrDefault()) + " needs: " + bytes(storage) + " (" + fullsKept + " fulls of "
                    + bytes(f.fullOutputBytes()) + (strategy == Strategy.FULL_ONLY ? "" : " plus deltas") + ")");
        }
        if (!StrategyAdvisor.fits(f.fullBackupTime(), fullEvery)) {
            unmet.add("a full backup takes " + duration(f.fullBackupTime()) + ", more than half of the interval between"
                    + " fulls (" + duration(fullEvery) + "): raise B (parallelism, more nodes) or back up sets separately");
        }
        if (strategy == Strategy.CUMULATIVE && !StrategyAdvisor.fits(f.incrementalTime(fullEvery), every)) {
            unmet.add("RPO " + duration(every) + ": the last cumulative delta before a full takes "
                    + duration(f.incrementalTime(fullEvery)) + ", more than half the interval");
        }
        return new Advice(strategy, every, Schedules.cron(fullEvery), fullEvery, changeTrigger,
                StrategyAdvisor.usedSpaceTrigger(f.usedSpacePercent()), restore, storage, List.copyOf(reasons),
                List.copyOf(unmet));
    }
}
