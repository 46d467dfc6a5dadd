package io.aerobackup.embedded.command;

import io.aerobackup.embedded.topology.NodeIdentity;
import io.aerobackup.embedded.expression.FilterExpression;
import io.aerobackup.embedded.protocol.AsMessage;
import io.aerobackup.embedded.protocol.Field;
import io.aerobackup.embedded.protocol.Op;
import io.aerobackup.embedded.protocol.Proto;
import io.aerobackup.embedded.protocol.ResponseBuffer;
import io.aerobackup.embedded.protocol.ResultCode;
import io.aerobackup.embedded.protocol.ServerException;
import io.aerobackup.embedded.storage.Bin;
import io.aerobackup.embedded.storage.NamespaceStore;
import io.aerobackup.embedded.storage.Partition;
import io.aerobackup.embedded.storage.StoredRecord;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Partition scans and primary-index queries (no secondary index). Each partition is walked from
 * its largest digest down, resuming after a digest when the client sends one. As on the real
 * server, only a partition this node cannot serve gets a "partition done" message (with result
 * UNAVAILABLE, so the client retries it elsewhere); a partition walked to its end gets none.
 */
final class ScanHandler {
    private final ServerContext ctx;
    private final NodeIdentity self;

    ScanHandler(ServerContext ctx, NodeIdentity self) {
        this.ctx = ctx;
        this.self = self;
    }

    void handle(AsMessage msg, ReplyChannel channel) throws IOException {
        ScanRequest request = ScanRequest.of(msg, ctx);
        MultiRecordReply reply = new MultiRecordReply(channel, MultiRecordReply.SCAN_FRAME_BYTES);
        ctx.faults().openScansCounter().incrementAndGet();
        try {
            ScanLimits limits = new ScanLimits(request.maxRecords, request.recordsPerSecond);
            for (ScanRequest.PartitionCursor cursor : request.partitions) {
                if (!ctx.cluster().owns(self.index(), cursor.partitionId)) {
                    partitionDone(reply, cursor.partitionId, ResultCode.PARTITION_UNAVAILABLE);
                    continue;
                }
                if (limits.exhausted()) {
                    break;
                }
                walk(request, cursor, limits, reply);
            }
            reply.finish(ResultCode.OK);
        } finally {
            ctx.faults().openScansCounter().decrementAndGet();
        }
    }

    /** Emits the partition's matching records until its end or the record limit. */
    private void walk(ScanRequest request, ScanRequest.PartitionCursor cursor, ScanLimits limits,
                         MultiRecordReply reply) throws IOException {
        Partition partition = request.namespace.partition(cursor.partitionId);
        long now = ctx.nowServerSeconds();
        for (Map.Entry<byte[], StoredRecord> e : partition.walk(cursor.resumeAfter).entrySet()) {
            StoredRecord record = e.getValue();
            if (record.isExpired(now) || !request.inSet(record)) {
                continue;
            }
            if (request.filter != null
                    && !request.filter.matches(new StoredRecordView(e.getKey(), record), ctx.nowMillis())) {
                continue;
            }
            if (limits.exhausted()) {
                return;
            }
            List<Bin> bins = request.select(record);
            if (bins == null) {
                continue;
            }
            writeRecord(reply.buffer(), request, e.getKey(), record, bins);
            limits.recordSent();
            reply.maybeFlush();
        }
    }

    private void writeRecord(ResponseBuffer out, ScanRequest request, byte[] digest, StoredRecord record,
                             List<Bin> bins) {
        int fieldCount = 2 + (record.setName() != null ? 1 : 0) + (record.userKey() != null ? 1 : 0);
        int info1 = request.noBinData ? Proto.INFO1_NOBINDATA : 0;
        out.msgHeader(info1, 0, ResultCode.OK, record.generation(), (int) record.voidTime(), 0, fieldCount,
                bins.size());
        out.field(Proto.FIELD_NAMESPACE, request.namespaceNameBytes);
        out.field(Proto.FIELD_DIGEST, digest);
        if (record.setName() != null) {
            out.field(Proto.FIELD_SET, record.setName());
        }
        if (record.userKey() != null) {
            out.keyField(record.userKey());
        }
        MultiRecordReply.writeBins(out, bins);
    }

    private static void partitionDone(MultiRecordReply reply, int partitionId, int resultCode) {
        // The generation field carries the partition id in this message.
        reply.buffer().msgHeader(Proto.INFO3_PARTITION_DONE, resultCode, partitionId, 0, 0, 0, 0);
    }

    /** A parsed scan request. */
    static final class ScanRequest {
        NamespaceStore namespace;
        byte[] namespaceNameBytes;
        String setName;
        boolean noBinData;
        List<String> binNames = new ArrayList<>();
        long maxRecords;
        int recordsPerSecond;
        FilterExpression filter;
        List<PartitionCursor> partitions = new ArrayList<>();

        static ScanRequest of(AsMessage msg, ServerContext ctx) {
            if (msg.has2(Proto.INFO2_WRITE) || msg.field(Proto.FIELD_UDF_OP) != null) {
                throw new ServerException(ResultCode.UNSUPPORTED_FEATURE,
                        "background and UDF scans are not supported by the embedded server");
            }
            if (msg.field(Proto.FIELD_INDEX_RANGE) != null) {
                throw new ServerException(201, "secondary-index queries are not supported by the embedded server");
            }
            ScanRequest r = new ScanRequest();
            Field ns = msg.field(Proto.FIELD_NAMESPACE);
            if (ns == null) {
                throw new ServerException(ResultCode.INVALID_NAMESPACE, "scan without a namespace");
            }
            r.namespace = ctx.namespace(ns.string());
            r.namespaceNameBytes = ns.bytes();
            Field set = msg.field(Proto.FIELD_SET);
            if (set != null && set.length() >= 64) {
                throw new ServerException(ResultCode.PARAMETER_ERROR, "set name of " + set.length() + " bytes");
            }
            r.setName = set == null || set.length() == 0 ? null : set.string();
            r.noBinData = msg.has1(Proto.INFO1_NOBINDATA);
            for (Op op : msg.ops()) {
                if (op.type() != Proto.OP_READ || op.binName().isEmpty()
                        || op.binName().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 15) {
                    throw new ServerException(ResultCode.PARAMETER_ERROR, "bad projection op for bin '"
                            + op.binName() + "'");
                }
                r.binNames.add(op.binName());
            }
            Field max = msg.field(Proto.FIELD_MAX_RECORDS);
            r.maxRecords = max == null ? 0 : max.longValue();
            Field rps = msg.field(Proto.FIELD_RECORDS_PER_SECOND);
            r.recordsPerSecond = rps == null ? 0 : rps.intValue();
            if (rps != null && msg.has1(Proto.INFO1_SHORT_QUERY)) {
                throw new ServerException(ResultCode.PARAMETER_ERROR, "records-per-second on a short query");
            }
            Field socketTimeout = msg.field(Proto.FIELD_SOCKET_TIMEOUT);
            if (socketTimeout != null) {
                socketTimeout.intValue();
            }
            Field exp = msg.field(Proto.FIELD_FILTER_EXP);
            r.filter = exp == null ? null : FilterExpression.decode(exp.bytes());
            r.readPartitions(msg);
            return r;
        }

        private void readPartitions(AsMessage msg) {
            Field pids = msg.field(Proto.FIELD_PID_ARRAY);
            Field digests = msg.field(Proto.FIELD_DIGEST_ARRAY);
            if (!msg.has3(Proto.INFO3_PARTITION_DONE) || (pids == null && digests == null)) {
                throw new ServerException(ResultCode.UNSUPPORTED_FEATURE,
                        "only partition scans (with partition-done) are supported, as on Aerospike 8");
            }
            java.util.BitSet seen = new java.util.BitSet(NamespaceStore.PARTITIONS);
            if (pids != null) {
                if (pids.length() == 0 || pids.length() % 2 != 0 || pids.length() > 2 * NamespaceStore.PARTITIONS) {
                    throw new ServerException(ResultCode.PARAMETER_ERROR, "partition id array of " + pids.length()
                            + " bytes");
                }
                for (int i = 0; i < pids.length(); i += 2) {
                    int pid = pids.u16le(i);
                    if (pid >= NamespaceStore.PARTITIONS || seen.get(pid)) {
                        throw new ServerException(ResultCode.PARAMETER_ERROR, "bad or repeated partition id " + pid);
                    }
                    seen.set(pid);
                    partitions.add(new PartitionCursor(pid, null));
                }
            }
            if (digests != null) {
                if (digests.length() % 20 != 0) {
                    throw new ServerException(ResultCode.PARAMETER_ERROR, "digest array length not a multiple of 20");
                }
                for (int i = 0; i < digests.length(); i += 20) {
                    byte[] digest = digests.slice(i, i + 20);
                    int pid = NamespaceStore.partitionId(digest);
                    if (seen.get(pid)) {
                        throw new ServerException(ResultCode.PARAMETER_ERROR, "repeated partition " + pid);
                    }
                    seen.set(pid);
                    partitions.add(new PartitionCursor(pid, digest));
                }
            }
        }

        boolean inSet(StoredRecord record) {
            return setName == null || setName.equals(record.setName());
        }

        /** The bins to send, or null when a projection finds none of its bins (the record is skipped). */
        List<Bin> select(StoredRecord record) {
            if (noBinData) {
                return List.of();
            }
            if (binNames.isEmpty()) {
                return List.of(record.bins());
            }
            List<Bin> out = new ArrayList<>(binNames.size());
            for (Bin bin : record.bins()) {
                if (binNames.contains(bin.name())) {
                    out.add(bin);
                }
            }
            return out.isEmpty() ? null : out;
        }

        /** One partition to scan, and the digest to resume after (null: from the start). */
        static final class PartitionCursor {
            final int partitionId;
            final byte[] resumeAfter;

            PartitionCursor(int partitionId, byte[] resumeAfter) {
                this.partitionId = partitionId;
                this.resumeAfter = resumeAfter;
            }
        }
    }
}
