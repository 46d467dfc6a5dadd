package io.aerobackup.restore.summary;

import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.CommittableWithLineage;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;

/**
 * The restore job's final step, at parallelism 1 after the writers' committers: adds up what each
 * writer reported and, at the end of its input (every writer done), writes the restore summary
 * into the catalog. The job runs in batch mode, so a restarted writer's outcome arrives once, from
 * its last attempt. A summary that cannot be written is logged (WARN) and does not fail the job:
 * the records are restored by then.
 */
public final class RestoreSummaryWriter extends AbstractStreamOperator<Void>
        implements OneInputStreamOperator<CommittableMessage<WriterOutcome>, Void>, BoundedOneInput {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RestoreSummaryWriter.class);

    private final RestoreSummary.Plan plan;
    private transient WriterOutcome total;

    public RestoreSummaryWriter(RestoreSummary.Plan plan) {
        this.plan = plan;
    }

    @Override
    public void open() throws Exception {
        super.open();
        total = WriterOutcome.NONE;
    }

    @Override
    public void processElement(StreamRecord<CommittableMessage<WriterOutcome>> element) {
        if (element.getValue() instanceof CommittableWithLineage<WriterOutcome> committable) {
            total = total.plus(committable.getCommittable());
        }
    }

    @Override
    public void endInput() {
        RestoreSummary summary = RestoreSummary.of(plan, getRuntimeContext().getJobInfo().getJobId().toString(),
                Instant.now(), total);
        try {
            LOG.info("restore {} of {} {}: summary written to {}", plan.restoreId(), plan.backupId(),
                    summary.outcome(), RestoreSummaries.write(plan, summary));
        } catch (IOException | RuntimeException e) {
            LOG.warn("restore {} of {} finished, but its summary could not be written to {}", plan.restoreId(),
                    plan.backupId(), RestoreSummaries.path(plan.catalogRoot(), plan.restoreId()), e);
        }
    }
}
