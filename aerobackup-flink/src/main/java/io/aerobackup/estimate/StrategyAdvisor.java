package io.aerobackup.estimate;

import io.aerobackup.estimate.Advice.Strategy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.aerobackup.estimate.Schedules.bytes;
import static io.aerobackup.estimate.Schedules.duration;

/**
 * Chooses a strategy from the figures and the goals, a pure function. The rules, in order:
 * <ol>
 * <li>Full only, when fulls can run at a cron interval X whose worst loss, X plus a backup's time T,
 * is within the RPO, with T at most half of X (headroom), and the fulls the retention keeps fit the
 * storage: the simplest strategy, a restore reads one backup.</li>
 * <li>Full + incrementals, when an incremental meets the same test at some interval X (the longest is taken),
 * with fulls weekly (daily when a week's changes would pass the change trigger, monthly when storage
 * needs it) so that the chain's restore fits the RTO.</li>
 * <li>Cumulative incrementals, when the chain of plain incrementals restores too slowly for the RTO
 * (or grows past {@value #MAX_CHAIN} members) but a restore of the full plus one cumulative delta fits.</li>
 * <li>The continuous change feed, when the RPO is below {@link #MIN_SCHEDULED} or no scheduled
 * incremental passes that test: rounds every half RPO, with no job start per round.</li>
 * </ol>
 * A goal no strategy meets is named in {@link Advice#unmet()} with the numbers; the advice is then the
 * strategy that comes closest.
 */
public final class StrategyAdvisor {
    /** Below this RPO a scheduled job (Flink start, preflight, commit per run) is not worth it. */
    public static final Duration MIN_SCHEDULED = Duration.ofMinutes(15);
    /** The shortest interval of scheduled jobs. */
    public static final Duration MIN_INTERVAL = Duration.ofMinutes(5);
    /** The shortest change-feed round. */
    public static final Duration MIN_ROUND = Duration.ofSeconds(10);
    /** Plain incremental chains longer than this are replaced by cumulative ones. */
    public static final int MAX_CHAIN = 200;
    /** Default change-volume trigger: past half the records a full costs less than the chain's restore. */
    public static final int DEFAULT_CHANGE_TRIGGER = 50;
    /** Default used-space trigger, well before a namespace's stop-writes. */
    public static final int DEFAULT_SPACE_TRIGGER = 80;

    private StrategyAdvisor() {
    }

    public static Advice advise(Figures f, Goals g) {
        Duration rpo = g.rpoOrDefault();
        List<String> reasons = new ArrayList<>();
        List<String> unmet = new ArrayList<>();
        Duration fullT = f.fullBackupTime();
        reasons.add("a full backup moves D = " + bytes(f.fullBytes()) + " (" + f.records() + " records) at B = "
                + bytes(f.backupBytesPerSecond()) + "/s: T = " + duration(fullT) + ", " + bytes(f.fullOutputBytes())
                + " of files; a full restore takes " + duration(f.fullRestoreTime()));
        if (g.rto() != null && g.rto().compareTo(f.fullRestoreTime()) < 0) {
            unmet.add("RTO " + duration(g.rto()) + " is below the estimated restore time of a full backup, "
                    + duration(f.fullRestoreTime()) + " (" + f.records() + " records at "
                    + Math.round(f.restoreRecordsPerSecond()) + " records/s)");
        }
        boolean schedulable = rpo.compareTo(MIN_SCHEDULED) >= 0;
        Duration fullEvery = schedulable ? Schedules.longestFitting(rpo, MIN_INTERVAL, c -> fullT) : null;
        if (fullEvery != null) {
            Plan full = Plan.fullOnly(f, g, fullEvery);
            if (full.storageOk(g)) {
                reasons.add("a full every " + duration(fullEvery) + " takes " + duration(fullT) + ": at most "
                        + duration(fullEvery.plus(fullT)) + " of writes are lost (the interval plus a backup), within the"
                        + " RPO " + duration(rpo) + ", and a backup fits in half the interval, so fulls alone meet the RPO");
                return full.advice(f, g, reasons, unmet);
            }
            reasons.add("full only (every " + duration(fullEvery) + ") would keep " + bytes(full.storage)
                    + " for a retention of " + duration(g.retentionOrDefault()) + ", above --max-storage "
                    + bytes(g.maxStorage()));
        } else if (schedulable) {
            reasons.add("a full takes " + duration(fullT) + ": no schedule of fulls keeps the interval plus a backup"
                    + " within the RPO " + duration(rpo) + " with the backup in half the interval");
        }
        Duration every = schedulable ? Schedules.longestFitting(rpo, MIN_INTERVAL, f::incrementalTime) : null;
        if (every != null) {
            reasons.add("an incremental every " + duration(every) + " carries " + f.changedRecords(every)
                    + " changed records (" + pct(f.changePerDay()) + "/day) and takes " + duration(f.incrementalTime(every))
                    + ": at most " + duration(every.plus(f.incrementalTime(every))) + " of writes are lost, within the RPO");
            return chooseChain(f, g, every, reasons, unmet);
        }
        Duration round = max(MIN_ROUND, rpo.dividedBy(2));
        Duration roundT = f.incrementalTime(round).minus(f.runOverhead()).plusSeconds(1);
        reasons.add(rpo.compareTo(MIN_SCHEDULED) < 0
                ? "the RPO " + duration(rpo) + " is below " + duration(MIN_SCHEDULED) + ", too short for scheduled jobs"
                : "no schedule of incrementals fits: an incremental every " + duration(MIN_INTERVAL) + " already takes "
                        + duration(f.incrementalTime(MIN_INTERVAL)) + ", and longer intervals carry more changes");
        reasons.add("a change-feed round every " + duration(round) + " carries " + f.changedRecords(round)
                + " changed records and takes about " + duration(roundT));
        if (round.plus(roundT).compareTo(rpo) > 0) {
            unmet.add("RPO " + duration(rpo) + " is below what the change feed achieves: a round every " + duration(round)
                    + " that takes " + duration(roundT) + " loses up to " + duration(round.plus(roundT)));
        }
        Plan feed = bestCadence(f, g, Strategy.CHANGE_FEED, round);
        return feed.advice(f, g, reasons, unmet);
    }

    /** Incrementals or cumulative incrementals every {@code every}, with the best full cadence. */
    private static Advice chooseChain(Figures f, Goals g, Duration every, List<String> reasons, List<String> unmet) {
        Plan plain = bestCadence(f, g, Strategy.INCREMENTAL, every);
        Plan cumulative = bestCadence(f, g, Strategy.CUMULATIVE, every);
        boolean plainOk = plain.meets(f, g) && plain.deltas <= MAX_CHAIN;
        if (!plainOk && cumulative.meets(f, g)) {
            reasons.add(plain.deltas > MAX_CHAIN
                    ? "plain incrementals would chain " + plain.deltas + " deltas per full; cumulative deltas keep a restore"
                    + " to the full plus one delta"
                    : "a chain of plain incrementals restores in " + duration(plain.restore) + ", a full plus the last"
                    + " cumulative delta in " + duration(cumulative.restore));
            return cumulative.advice(f, g, reasons, unmet);
        }
        return plain.advice(f, g, reasons, unmet);
    }

    /** The first full cadence (preferred order) whose plan meets the goals, else the one that comes closest. */
    private static Plan bestCadence(Figures f, Goals g, Strategy strategy, Duration every) {
        boolean busy = f.changedRecords(Schedules.WEEK) * 100 >= f.records() * (long) DEFAULT_CHANGE_TRIGGER
                && f.records() > 0;
        List<Duration> order = busy ? List.of(Schedules.DAY, Schedules.WEEK, Schedules.MONTH)
                : List.of(Schedules.WEEK, Schedules.DAY, Schedules.MONTH);
        Plan closest = null;
        for (Duration cadence : order) {
            if (cadence.compareTo(every) <= 0) {
                continue;
            }
            Plan plan = Plan.chain(f, g, strategy, every, cadence);
            if (plan.meets(f, g)) {
                return plan;
            }
            if (closest == null || plan.misses(f, g) < closest.misses(f, g)
                    || plan.misses(f, g) == closest.misses(f, g) && plan.restore.compareTo(closest.restore) < 0) {
                closest = plan;
            }
        }
        return closest != null ? closest : Plan.chain(f, g, strategy, every, Schedules.MONTH);
    }

    static boolean fits(Duration work, Duration interval) {
        return work.compareTo(interval.dividedBy(2)) <= 0;
    }

    static String pct(double fraction) {
        return String.format(java.util.Locale.ROOT, "%.2f %%", fraction * 100);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    static int usedSpaceTrigger(int usedPercent) {
        return usedPercent < 0 ? DEFAULT_SPACE_TRIGGER : Math.max(DEFAULT_SPACE_TRIGGER, Math.min(95, usedPercent + 5));
    }
}
