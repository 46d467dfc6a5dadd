package io.aerobackup.source.changefeed;

import org.apache.flink.api.connector.source.SourceEvent;

import java.util.List;

/** What change-feed readers tell the enumerator. */
final class ReaderEvents {
    private ReaderEvents() {
    }

    /** A split's records and end markers were all emitted. */
    record SplitFinished(String splitId, long records) implements SourceEvent {
    }

    /**
     * The splits a reader holds when it starts. After a restore the enumerator compares them with
     * the splits it believed unfinished: a split that no reader holds finished after the
     * enumerator's checkpoint but before the reader's, and its SplitFinished was lost with the failure.
     */
    record HeldSplits(List<String> splitIds) implements SourceEvent {
    }
}
