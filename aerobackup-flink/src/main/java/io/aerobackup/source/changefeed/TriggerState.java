package io.aerobackup.source.changefeed;

import java.io.Serializable;

/**
 * What the space trigger remembers between evaluations, so it fires once per crossing of the
 * threshold instead of at every check while usage stays high. Kept in the job's checkpointed state;
 * a restore from a checkpoint therefore does not fire the trigger again.
 *
 * @param lastSeenUsedPercent the last used-space percentage observed, or null before the first
 * @param wasBelow            whether usage was below the threshold at the last observation; true at
 *                            the start, so the first observation at or above the threshold fires
 *                            once (the job cannot tell whether a full already covers it)
 */
public record TriggerState(Integer lastSeenUsedPercent, boolean wasBelow) implements Serializable {

    /** The state of a job that has not observed usage yet. */
    public static TriggerState initial() {
        return new TriggerState(null, true);
    }
}
