package io.aerobackup.source.changefeed;

import io.aerobackup.record.BackupRecord;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A reader output that keeps what the source emits: every element, and the records they carry (the
 * end markers carry none), after running a hook on each (to look at state, or to fail).
 */
final class CollectingFeedOutput implements ReaderOutput<FeedElement> {
    final List<BackupRecord> records = new ArrayList<>();
    List<FeedElement> elements = new ArrayList<>();
    private final Consumer<BackupRecord> onCollect;

    CollectingFeedOutput() {
        this(record -> { });
    }

    CollectingFeedOutput(Consumer<BackupRecord> onCollect) {
        this.onCollect = onCollect;
    }

    @Override
    public void collect(FeedElement element) {
        onCollect.accept(element.record());
        if (element.record() != null) {
            records.add(element.record());
        }
        elements.add(element);
    }

    @Override
    public void collect(FeedElement element, long timestamp) {
        collect(element);
    }

    @Override
    public void emitWatermark(Watermark watermark) {
    }

    @Override
    public void markIdle() {
    }

    @Override
    public void markActive() {
    }

    @Override
    public SourceOutput<FeedElement> createOutputForSplit(String splitId) {
        return this;
    }

    @Override
    public void releaseOutputForSplit(String splitId) {
    }
}
