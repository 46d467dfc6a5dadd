package io.aerobackup.source.changefeed;

import java.util.List;
import java.util.Set;

/**
 * What the change-feed enumerator checkpoints: the round in progress and its splits, where the
 * next round starts, and what the full-snapshot triggers need.
 *
 * @param nextRoundNumber       the number the next planned round gets
 * @param current               the round in progress, or null between rounds
 * @param unassigned            its splits no reader has taken yet
 * @param unfinished            ids of its splits not reported finished (assigned or not)
 * @param currentRoundRecords   records its finished splits emitted
 * @param lastBackupId          the backup the next round chains on; null before the first full
 * @param nextWindowFromMillis  where the next delta's window starts; null before the first full
 * @param lastRoundStartMillis  when the last round started (rounds start --interval apart); null at first
 * @param chain                 the chain-length and change-volume figures since the last full
 * @param spaceState            the used-space trigger's state
 */
public record ChangeFeedEnumState(long nextRoundNumber, Round current, List<RoundSplit> unassigned,
                                  Set<String> unfinished, long currentRoundRecords, String lastBackupId,
                                  Long nextWindowFromMillis, Long lastRoundStartMillis, ChainFigures chain,
                                  TriggerState spaceState) {

    /**
     * @param lastFullStartMillis      when the last full started, null when there is none
     * @param recordsInLastFull        records in it
     * @param deltasSinceFull          deltas chained on it
     * @param recordsInDeltasSinceFull records in those deltas
     */
    public record ChainFigures(Long lastFullStartMillis, long recordsInLastFull, int deltasSinceFull,
                               long recordsInDeltasSinceFull) {
        public static ChainFigures none() {
            return new ChainFigures(null, 0, 0, 0);
        }

        ChainFigures afterFull(long startMillis, long records) {
            return new ChainFigures(startMillis, records, 0, 0);
        }

        ChainFigures afterDelta(long records) {
            return new ChainFigures(lastFullStartMillis, recordsInLastFull, deltasSinceFull + 1,
                    recordsInDeltasSinceFull + records);
        }
    }
}
