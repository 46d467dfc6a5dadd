package io.aerobackup.embedded.command;

import io.aerobackup.embedded.expression.ReadExpression;
import io.aerobackup.embedded.protocol.Op;
import io.aerobackup.embedded.protocol.Proto;
import io.aerobackup.embedded.protocol.ResultCode;
import io.aerobackup.embedded.protocol.ServerException;
import io.aerobackup.embedded.storage.Bin;
import io.aerobackup.embedded.storage.NamespaceStore;
import io.aerobackup.embedded.storage.Particle;
import io.aerobackup.embedded.storage.Partition;
import io.aerobackup.embedded.storage.StoredRecord;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Executes single-record commands (reads, writes, deletes, touches, operates) against storage. */
final class RecordExecutor {
    private final ServerContext ctx;
    private final RecordWriter writer;

    RecordExecutor(ServerContext ctx) {
        this.ctx = ctx;
        this.writer = new RecordWriter(ctx);
    }

    Reply execute(RecordRequest request) {
        try {
            NamespaceStore ns = ctx.namespace(request.namespace);
            if (request.isWrite()) {
                return writer.write(ns, request);
            }
            if (request.has1(Proto.INFO1_READ)) {
                return read(ns, request);
            }
            throw new ServerException(ResultCode.PARAMETER_ERROR, "command is neither a read nor a write");
        } catch (ServerException e) {
            return Reply.error(e.resultCode());
        } catch (io.aerobackup.embedded.expression.ExpressionException e) {
            return Reply.error(e.resultCode());
        }
    }

    boolean namespaceMissing(String name) {
        return ctx.storage().namespace(name) == null;
    }

    private Reply read(NamespaceStore ns, RecordRequest request) {
        Partition partition = ns.partitionOf(request.digest);
        StoredRecord record = live(partition.getRaw(request.digest));
        if (record == null) {
            return Reply.error(ResultCode.KEY_NOT_FOUND);
        }
        if (request.userKey != null && record.userKey() != null && !record.userKey().equals(request.userKey)) {
            return Reply.error(ResultCode.KEY_MISMATCH);
        }
        if (request.filter != null
                && !request.filter.matches(new StoredRecordView(request.digest, record), ctx.nowMillis())) {
            return Reply.error(ResultCode.FILTERED_OUT);
        }
        return new Reply(ResultCode.OK, record.generation(), record.voidTime(),
                selectBins(record, request, ctx.nowMillis()));
    }

    /**
     * The bins a read asks for: none (header only), all, or the named ones that exist; an
     * expression read returns its value as a bin of its name.
     */
    static List<Bin> selectBins(StoredRecord record, RecordRequest request, long nowMillis) {
        if (request.has1(Proto.INFO1_NOBINDATA)) {
            return Collections.emptyList();
        }
        if (request.has1(Proto.INFO1_GET_ALL)) {
            return List.of(record.bins());
        }
        if (request.ops.isEmpty()) {
            throw new ServerException(ResultCode.PARAMETER_ERROR, "read of no bins without get-all or no-bin-data");
        }
        List<Bin> out = new ArrayList<>(request.ops.size());
        for (Op op : request.ops) {
            if (op.type() == Proto.OP_HLL_READ) {
                RecordWriter.checkBinName(op.binName());
                Particle result = HllOperations.read(op, binOf(record, op.binName()));
                out.add(new Bin(op.binName(), result != null ? result : new Particle(Particle.NULL, new byte[0])));
                continue;
            }
            if (op.type() == Proto.OP_EXP_READ) {
                out.add(new Bin(op.binName(), ReadExpression.decode(op.value().bytes())
                        .eval(new StoredRecordView(request.digest, record), nowMillis)));
                continue;
            }
            checkReadOp(op);
            if (op.binName().isEmpty()) {
                continue; // a nameless read (get-header) returns no bins
            }
            for (Bin bin : record.bins()) {
                if (bin.name().equals(op.binName())) {
                    out.add(bin);
                }
            }
        }
        return out;
    }

    private static Bin binOf(StoredRecord record, String name) {
        for (Bin bin : record.bins()) {
            if (bin.name().equals(name)) {
                return bin;
            }
        }
        return null;
    }

    static void checkReadOp(Op op) {
        if (op.type() != Proto.OP_READ) {
            throw unsupportedOp(op);
        }
        RecordWriter.checkBinName(op.binName());
    }

    /**
     * CDT, bit and expression operations (and some HLL ones) exist on a real server but not here: they are
     * refused with UNSUPPORTED_FEATURE. Op types no server knows get PARAMETER_ERROR, as the real one answers.
     */
    static ServerException unsupportedOp(Op op) {
        switch (op.type()) {
            case Proto.OP_CDT_READ: case Proto.OP_CDT_MODIFY: case Proto.OP_EXP_READ: case Proto.OP_EXP_MODIFY:
            case Proto.OP_BIT_READ: case Proto.OP_BIT_MODIFY: case Proto.OP_HLL_READ: case Proto.OP_HLL_MODIFY:
                return new ServerException(ResultCode.UNSUPPORTED_FEATURE,
                        "operation type " + op.type() + " is not supported by the embedded server");
            default:
                return new ServerException(ResultCode.PARAMETER_ERROR, "unknown operation type " + op.type());
        }
    }

    /** The record if it exists and has not expired: an expired record is invisible before any cleanup. */
    StoredRecord live(StoredRecord record) {
        return record == null || record.isExpired(ctx.nowServerSeconds()) ? null : record;
    }
}
