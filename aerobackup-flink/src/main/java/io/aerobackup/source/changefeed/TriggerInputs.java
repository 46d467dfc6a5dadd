package io.aerobackup.source.changefeed;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything {@link FullSnapshotPolicy} decides from. The clock is an input too: the policy never
 * reads system time, so tests and replays decide exactly as the job did.
 *
 * @param now                      the evaluation time
 * @param lastFullStart            when the last full snapshot started, or null when there is none;
 *                                 while a full snapshot runs, the job passes its start (the catalog
 *                                 only shows it once committed), so no second one is triggered
 * @param deltasSinceFull          committed deltas chained on the last full
 * @param recordsInDeltasSinceFull records in those deltas
 * @param recordsInLastFull        records in the last full
 * @param usedSpacePercent         the namespace's used space (fullest node), empty when unknown
 * @param manualRequest            the oldest pending manual request, if any
 * @param spaceState               the space trigger's state after the previous evaluation
 *                                 ({@link TriggerState#initial()} at the first)
 * @see ChainStatistics#inputs
 */
public record TriggerInputs(Instant now, Instant lastFullStart, int deltasSinceFull, long recordsInDeltasSinceFull,
                            long recordsInLastFull, OptionalInt usedSpacePercent,
                            Optional<ManualRequest> manualRequest, TriggerState spaceState) {

    public TriggerInputs {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(usedSpacePercent, "usedSpacePercent (OptionalInt.empty() when unknown)");
        Objects.requireNonNull(manualRequest, "manualRequest (Optional.empty() when none)");
        Objects.requireNonNull(spaceState, "spaceState (TriggerState.initial() at the first evaluation)");
        if (deltasSinceFull < 0 || recordsInDeltasSinceFull < 0 || recordsInLastFull < 0) {
            throw new IllegalArgumentException("counts cannot be negative: " + deltasSinceFull + " deltas, "
                    + recordsInDeltasSinceFull + " delta records, " + recordsInLastFull + " full records");
        }
    }
}
