package io.aerobackup.source.changefeed;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Why a full snapshot starts: the trigger that won by precedence (see {@link FullSnapshotPolicy})
 * and a reason a person can read. The reason also names the other triggers that applied at the
 * same time, so the log line and the manifest record every trigger that fired.
 */
public record Trigger(Kind kind, String reason) implements Serializable {

    /** Manifest option keys: the next full snapshot's manifest records why it was taken. */
    public static final String KIND_OPTION = "fullSnapshotTrigger";
    public static final String REASON_OPTION = "fullSnapshotReason";

    public Trigger {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    /** In order of precedence: when several apply, the first one is reported. */
    public enum Kind {
        /** There is no full backup of the namespace yet: nothing else can be measured. */
        NO_CHAIN,
        /** An operator asked ({@code aerobackup trigger}) and waits to see it acknowledged. */
        MANUAL,
        /** The namespace's used space crossed the threshold since the last full. */
        SPACE_THRESHOLD,
        /** A cron execution time passed since the last full started. */
        SCHEDULE,
        /** The chain since the last full reached the maximum number of deltas. */
        CHAIN_LENGTH,
        /** The deltas since the last full hold more than the maximum share of its records. */
        CHANGE_VOLUME
    }

    /** Entries for {@code BackupManifest.options()} of the full snapshot this trigger starts. */
    public Map<String, String> manifestOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put(KIND_OPTION, kind.name());
        options.put(REASON_OPTION, reason);
        return options;
    }

    /** The log line: "full snapshot triggered by CHAIN_LENGTH: ...". */
    @Override
    public String toString() {
        return "full snapshot triggered by " + kind + ": " + reason;
    }
}
