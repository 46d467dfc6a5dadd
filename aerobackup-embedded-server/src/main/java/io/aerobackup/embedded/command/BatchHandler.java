package io.aerobackup.embedded.command;

import io.aerobackup.embedded.expression.FilterExpression;
import io.aerobackup.embedded.protocol.AsMessage;
import io.aerobackup.embedded.protocol.Field;
import io.aerobackup.embedded.protocol.MessageCodec;
import io.aerobackup.embedded.protocol.Op;
import io.aerobackup.embedded.protocol.Proto;
import io.aerobackup.embedded.protocol.ProtocolException;
import io.aerobackup.embedded.protocol.ResultCode;
import io.aerobackup.embedded.protocol.ServerException;
import io.aerobackup.embedded.protocol.ResponseBuffer;

import java.io.IOException;
import java.util.List;

/**
 * Batch commands ("batch any"): each row of the BATCH_INDEX field is a read, write or delete of
 * one record, executed with the single-record rules and answered with its own result code.
 */
final class BatchHandler {
    private static final int REPORT_ALL_ERRORS = 0x4;

    private final RecordExecutor executor;

    BatchHandler(RecordExecutor executor) {
        this.executor = executor;
    }

    void handle(AsMessage msg, ReplyChannel channel) throws IOException, ProtocolException {
        Field batch = msg.field(Proto.FIELD_BATCH_INDEX);
        Field exp = msg.field(Proto.FIELD_FILTER_EXP);
        FilterExpression inherited = exp == null ? null : FilterExpression.decode(exp.bytes());
        MessageCodec rows = batch.decoder();
        int count = rows.i32();
        int flags = rows.u8();
        MultiRecordReply reply = new MultiRecordReply(channel);
        if (count <= 0) {
            reply.finish(ResultCode.PARAMETER_ERROR);
            return;
        }
        // Without "report all errors" the first real failure (not 2 or 27) ends what is sent,
        // and the closing message carries its code; the remaining rows still run.
        boolean reportAllErrors = (flags & REPORT_ALL_ERRORS) != 0;
        int abortCode = ResultCode.OK;
        RowTemplate previous = null;
        for (int i = 0; i < count; i++) {
            int index = rows.i32();
            byte[] digest = rows.bytes(20);
            int kind = rows.u8();
            RowTemplate row;
            if (kind == Proto.BATCH_MSG_REPEAT) {
                if (previous == null) {
                    throw new ProtocolException("batch row " + index + " repeats a row that does not exist");
                }
                row = previous;
            } else {
                row = RowTemplate.read(rows, kind);
            }
            previous = row;
            Reply result = execute(row, digest, inherited);
            if (abortCode != ResultCode.OK) {
                continue;
            }
            ResponseBuffer out = reply.buffer();
            out.msgHeader(0, result.resultCode, result.generation, (int) result.voidTime, index, 0,
                    result.bins.size());
            MultiRecordReply.writeBins(out, result.bins);
            if (!reportAllErrors && isAbortingError(result.resultCode)) {
                abortCode = result.resultCode;
            }
            reply.maybeFlush();
        }
        reply.finish(abortCode);
    }

    private static boolean isAbortingError(int resultCode) {
        return resultCode != ResultCode.OK && resultCode != ResultCode.KEY_NOT_FOUND
                && resultCode != ResultCode.FILTERED_OUT;
    }

    private Reply execute(RowTemplate row, byte[] digest, FilterExpression inherited) {
        try {
            Field[] fields = row.fields;
            fields[Proto.FIELD_DIGEST] = new Field(Proto.FIELD_DIGEST, digest, 0, digest.length);
            if (row.fields[Proto.FIELD_NAMESPACE] == null
                    || executor.namespaceMissing(row.fields[Proto.FIELD_NAMESPACE].string())) {
                return Reply.error(ResultCode.PARAMETER_ERROR); // the real server's answer for a bad row
            }
            return executor.execute(new RecordRequest(row.info1, row.info2, row.info3, row.generation, row.ttl,
                    fields, row.ops, inherited));
        } catch (ServerException e) {
            return Reply.error(e.resultCode());
        } catch (io.aerobackup.embedded.expression.ExpressionException e) {
            return Reply.error(e.resultCode());
        }
    }

    /** The attributes, fields and ops of a batch row, kept so a REPEAT row can reuse them. */
    private static final class RowTemplate {
        int info1;
        int info2;
        int info3;
        int generation;
        int ttl;
        Field[] fields;
        List<Op> ops;

        static RowTemplate read(MessageCodec rows, int kind) throws ProtocolException {
            RowTemplate row = new RowTemplate();
            // info1 always comes first; the flags say which of the other attributes follow.
            row.info1 = rows.u8();
            if ((kind & Proto.BATCH_MSG_INFO) != 0) {
                row.info2 = rows.u8();
                row.info3 = rows.u8();
            }
            if ((kind & Proto.BATCH_MSG_INFO4) != 0) {
                rows.u8();
            }
            if ((kind & Proto.BATCH_MSG_GEN) != 0) {
                row.generation = rows.u16();
            }
            if ((kind & Proto.BATCH_MSG_TTL) != 0) {
                row.ttl = rows.i32();
            }
            int fieldCount = rows.u16();
            int opCount = rows.u16();
            row.fields = rows.readFields(fieldCount);
            row.ops = rows.readOps(opCount);
            return row;
        }
    }
}
