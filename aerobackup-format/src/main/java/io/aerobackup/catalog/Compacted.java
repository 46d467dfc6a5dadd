package io.aerobackup.catalog;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * A compacted full backup (a <i>synthetic full</i>, {@code aerobackup compact}): a full written from
 * a chain's merged records, standing for the same chain point as the chain's target. Its manifest
 * says so in its options: {@value #FROM} names the target, {@value #POINT_IN_TIME} is the chain
 * point's time (what {@code restore --time} compares) and {@value #FROM_FINISHED_AT} keeps the
 * target's finish time, so that "the backup that finished last" orders it where its chain point is,
 * not where the compaction ran (compacting an old chain point must not make it the latest).
 */
public final class Compacted {
    /** Options key: the id of the chain target the full was compacted from. */
    public static final String FROM = "compactedFrom";
    /** Options key: when that target finished (UTC ISO-8601). */
    public static final String FROM_FINISHED_AT = "compactedFromFinishedAt";
    /**
     * Options key: the chain point the full stands for (UTC ISO-8601), the point in time of its
     * source's chain. Its {@code windowToMillis} is the source's covered time, which for a full
     * source is its start, earlier than the point in time (its finish).
     */
    public static final String POINT_IN_TIME = "compactedPointInTime";
    /** Options key: the chain's members, oldest first, joined by commas. */
    public static final String CHAIN = "compactedChain";

    private Compacted() {
    }

    /** The target id a compacted full was made from, or empty for any other backup. */
    public static Optional<String> source(BackupManifest manifest) {
        Map<String, String> options = manifest.options();
        return Optional.ofNullable(options == null ? null : options.get(FROM));
    }

    /**
     * When the backup's chain point finished, for "the backup that finished last": a compacted
     * full's source's finish (so on a tie the compacted full, whose id is newer, wins), any other
     * backup's own finish.
     *
     * @throws DateTimeParseException when the manifest's finish time is not UTC ISO-8601
     */
    public static Instant finishOrder(BackupManifest manifest) {
        Map<String, String> options = manifest.options();
        String sourceFinish = options == null ? null : options.get(FROM_FINISHED_AT);
        if (sourceFinish != null) {
            try {
                return Instant.parse(sourceFinish);
            } catch (DateTimeParseException e) {
                // an edited option: fall back to the compaction's own finish
            }
        }
        return Instant.parse(manifest.finishedAt());
    }
}
