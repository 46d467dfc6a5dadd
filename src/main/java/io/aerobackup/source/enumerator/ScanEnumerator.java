package io.aerobackup.source.enumerator;

import io.aerobackup.config.PartitionRange;
import io.aerobackup.source.split.PartitionSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/** Thin pull-model enumerator: a reader asks, it gets the next split, or "no more" once all are out. */
public final class ScanEnumerator implements SplitEnumerator<PartitionSplit, ScanEnumState> {
    private static final Logger LOG = LoggerFactory.getLogger(ScanEnumerator.class);

    private final SplitEnumeratorContext<PartitionSplit> context;
    private final PartitionAssigner assigner;
    private final List<PartitionRange> ranges;
    private final int partitionsPerSplit;

    public ScanEnumerator(SplitEnumeratorContext<PartitionSplit> context, ScanEnumState state,
                          List<PartitionRange> ranges, int partitionsPerSplit) {
        this.context = context;
        this.assigner = new PartitionAssigner(state);
        this.ranges = List.copyOf(ranges);
        this.partitionsPerSplit = partitionsPerSplit;
    }

    @Override
    public void start() {
        assigner.open(ranges, partitionsPerSplit, context.currentParallelism());
        LOG.info("scan of partitions {} cut into {} splits", ranges, assigner.remaining());
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        if (!context.registeredReaders().containsKey(subtaskId)) {
            return;
        }
        Optional<PartitionSplit> split = assigner.next();
        if (split.isPresent()) {
            context.assignSplit(split.get(), subtaskId);
            LOG.info("split {} assigned to reader {}", split.get().splitId(), subtaskId);
        } else {
            context.signalNoMoreSplits(subtaskId);
        }
    }

    @Override
    public void addSplitsBack(List<PartitionSplit> splits, int subtaskId) {
        LOG.info("{} split(s) of reader {} returned for reassignment", splits.size(), subtaskId);
        assigner.addSplitsBack(splits);
    }

    @Override
    public void addReader(int subtaskId) {
        // Readers pull: they ask for a split when they start and each time they finish one.
    }

    @Override
    public ScanEnumState snapshotState(long checkpointId) {
        return assigner.snapshotState();
    }

    @Override
    public void close() {
    }
}
