package io.aerobackup.estimate;

import java.time.Duration;
import java.util.List;

/**
 * A recommended strategy in the seed's terms, with its schedule, triggers, the reasons (with the
 * numbers) and the goals it cannot meet.
 *
 * @param incrementalEvery      how often an incremental (or a change-feed round) runs; null for full only
 * @param fullCron              when full backups run (cron, UTC)
 * @param changeTriggerPercent  take a full once the deltas since the last full hold this % of its records
 * @param usedSpaceTriggerPercent take a full when the fullest node's used space reaches this %
 * @param worstRestoreTime      restore time of the longest chain the strategy builds
 * @param storageBytes          what the backups within the retention take
 * @param unmet                 goals that cannot be met, each with the numbers
 */
public record Advice(Strategy strategy, Duration incrementalEvery, String fullCron, Duration fullEvery,
                     int changeTriggerPercent, int usedSpaceTriggerPercent, Duration worstRestoreTime,
                     double storageBytes, List<String> reasons, List<String> unmet) {

    public boolean allGoalsMet() {
        return unmet.isEmpty();
    }

    /** The strategies the seed article names, as aerobackup runs them. */
    public enum Strategy {
        FULL_ONLY("full only", "scheduled full backups"),
        INCREMENTAL("full + incrementals", "scheduled fulls, incrementals in between (backup --incremental)"),
        CUMULATIVE("cumulative incrementals", "scheduled fulls, cumulative incrementals in between (backup --incremental --cumulative)"),
        CHANGE_FEED("continuous change feed", "one continuous job (backup --continuous) with full snapshots inside it");

        private final String label;
        private final String how;

        Strategy(String label, String how) {
            this.label = label;
            this.how = how;
        }

        public String label() {
            return label;
        }

        public String how() {
            return how;
        }
    }
}
