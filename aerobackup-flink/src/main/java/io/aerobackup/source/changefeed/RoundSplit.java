package io.aerobackup.source.changefeed;

import io.aerobackup.source.split.PartitionSplit;
import org.apache.flink.api.connector.source.SourceSplit;

import java.util.Objects;

/**
 * A partition range's share of one round. A delta round with delete capture has two phases: the
 * changed records of the window, then the presence sweep (every digest, no bins); the partition
 * cursors belong to the current phase. {@code finished} is set once the split's end markers were
 * emitted, so a checkpoint taken just then does not emit them twice after a restore.
 *
 * @param recordsEmitted records emitted from this split so far (reported to the enumerator for the
 *                       change-volume trigger)
 */
public record RoundSplit(Round round, PartitionSplit partitions, Phase phase, boolean finished, long recordsEmitted)
        implements SourceSplit {

    public RoundSplit {
        Objects.requireNonNull(round, "round");
        Objects.requireNonNull(partitions, "partitions");
        Objects.requireNonNull(phase, "phase");
        if (phase == Phase.SWEEP && !round.sweeps()) {
            throw new IllegalArgumentException("round " + round.number() + " does not sweep, but the split is in"
                    + " its sweep phase");
        }
    }

    public static RoundSplit fresh(Round round, int begin, int count) {
        return new RoundSplit(round, PartitionSplit.fresh(begin, count), Phase.CHANGES, false, 0);
    }

    /** Unique across rounds, so a split of round 7 never stands in for the same range of round 8. */
    @Override
    public String splitId() {
        return splitId(round.number(), partitions.begin(), partitions.count());
    }

    static String splitId(long round, int begin, int count) {
        return round + ":" + begin + "+" + count;
    }

    /** What a split is doing: reading changes (or the full snapshot), or sweeping for deletes. */
    /** The phase of a round's split; codes are stored in checkpoints (never reuse or renumber one). */
    public enum Phase {
        CHANGES(0), SWEEP(1);

        private final int code;

        Phase(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        /** The phase stored as {@code code}; IllegalArgumentException names the codes known. */
        public static Phase ofCode(int code) {
            for (Phase p : values()) {
                if (p.code == code) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown phase code " + code + "; known: 0 CHANGES, 1 SWEEP");
        }
    }
}
