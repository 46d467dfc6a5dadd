package io.aerobackup.embedded.command;

import io.aerobackup.embedded.expression.ReadExpression;

import io.aerobackup.embedded.protocol.Op;
import io.aerobackup.embedded.protocol.Proto;
import io.aerobackup.embedded.protocol.ResultCode;
import io.aerobackup.embedded.protocol.ServerException;
import io.aerobackup.embedded.storage.Bin;
import io.aerobackup.embedded.storage.NamespaceConfig;
import io.aerobackup.embedded.storage.NamespaceStore;
import io.aerobackup.embedded.storage.Particle;
import io.aerobackup.embedded.storage.Partition;
import io.aerobackup.embedded.storage.StoredRecord;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes, deletes and operates on one record under its partition's lock, applying the checks a
 * real server applies in the same order: existence policy, generation, key match, then the ops.
 */
final class RecordWriter {
    /** The real server's ceiling on a TTL: ten years. */
    private static final long MAX_TTL_SECONDS = 315_360_000L;
    private static final int MAX_BIN_NAME_BYTES = 15;
    private static final int MAX_GENERATION = 0xFFFF;

    private static final Particle NIL = new Particle(Particle.NULL, new byte[0]);

    private final ServerContext ctx;

    RecordWriter(ServerContext ctx) {
        this.ctx = ctx;
    }

    Reply write(NamespaceStore ns, RecordRequest request) {
        if (request.has2(Proto.INFO2_DELETE)) {
            checkDurableDelete(request);
        }
        Partition partition = ns.partitionOf(request.digest);
        synchronized (partition.writeLock()) {
            StoredRecord stored = partition.getRaw(request.digest);
            StoredRecord existing = stored == null || stored.isExpired(ctx.nowServerSeconds()) ? null : stored;
            checkPreconditions(request, existing);
            if (request.has2(Proto.INFO2_DELETE)) {
                if (existing == null) {
                    throw new ServerException(ResultCode.KEY_NOT_FOUND, "record not found");
                }
                partition.remove(request.digest, stored);
                return new Reply(ResultCode.OK, 0, 0, Collections.emptyList());
            }
            return applyOps(ns, partition, request, stored, existing);
        }
    }

    private void checkDurableDelete(RecordRequest request) {
        if (request.has2(Proto.INFO2_DURABLE_DELETE) && !ctx.enterprise()) {
            throw new ServerException(ResultCode.ENTERPRISE_ONLY, "durable delete needs Enterprise Edition");
        }
    }

    /** Existence policy first, then the generation check, as the real write and delete paths order them. */
    private void checkPreconditions(RecordRequest request, StoredRecord existing) {
        if (existing == null && (request.has2(Proto.INFO2_DELETE) || request.has3(Proto.INFO3_UPDATE_ONLY)
                || request.has3(Proto.INFO3_REPLACE_ONLY))) {
            throw new ServerException(ResultCode.KEY_NOT_FOUND, "record not found");
        }
        if (existing != null && request.has2(Proto.INFO2_CREATE_ONLY)) {
            throw new ServerException(ResultCode.KEY_EXISTS, "record exists");
        }
        // A missing record has generation 0 for the generation checks, as on the real server.
        int currentGeneration = existing == null ? 0 : existing.generation();
        if (request.has2(Proto.INFO2_GENERATION) && request.generation != currentGeneration) {
            throw new ServerException(ResultCode.GENERATION_ERROR, "generation mismatch");
        }
        if (request.has2(Proto.INFO2_GENERATION_GT) && request.generation <= currentGeneration) {
            throw new ServerException(ResultCode.GENERATION_ERROR, "generation not greater");
        }
        if (existing == null) {
            return;
        }
        if (request.userKey != null && existing.userKey() != null && !existing.userKey().equals(request.userKey)) {
            throw new ServerException(ResultCode.KEY_MISMATCH, "stored key differs");
        }
        if (request.filter != null
                && !request.filter.matches(new StoredRecordView(request.digest, existing), ctx.nowMillis())) {
            throw new ServerException(ResultCode.FILTERED_OUT, "filtered out");
        }
    }

    private Reply applyOps(NamespaceStore ns, Partition partition, RecordRequest request, StoredRecord stored,
                           StoredRecord existing) {
        boolean replace = request.has3(Proto.INFO3_CREATE_OR_REPLACE) || request.has3(Proto.INFO3_REPLACE_ONLY);
        Map<String, Bin> bins = new LinkedHashMap<>();
        if (existing != null && !replace) {
            for (Bin bin : existing.bins()) {
                bins.put(bin.name(), bin);
            }
        }
        if (request.ops.isEmpty()) {
            throw new ServerException(ResultCode.PARAMETER_ERROR, "bin op(s) expected");
        }
        if (request.has1(Proto.INFO1_GET_ALL)) {
            for (Op op : request.ops) {
                if (op.type() == Proto.OP_READ && !op.binName().isEmpty()) {
                    throw new ServerException(ResultCode.PARAMETER_ERROR, "get-all mixed with named reads");
                }
            }
        }
        boolean respondAll = request.has2(Proto.INFO2_RESPOND_ALL_OPS);
        List<Bin> results = new ArrayList<>();
        boolean touched = false;
        boolean wrote = false;
        long now = ctx.nowMillis();
        int generation = existing == null ? 1 : (existing.generation() >= MAX_GENERATION ? 1 : existing.generation() + 1);
        String setName = request.setName != null ? request.setName : (existing != null ? existing.setName() : null);
        Particle userKey = request.userKey != null ? request.userKey : (existing != null ? existing.userKey() : null);
        for (Op op : request.ops) {
            if (op.type() == Proto.OP_READ || op.type() == Proto.OP_HLL_READ) {
                readInto(op, bins, results, request);
                continue;
            }
            if (op.type() == Proto.OP_EXP_READ) {
                // The real server advances the record's version (last-update time, generation) before
                // its ops: an expression read sees the write's new metadata and the bins so far.
                StoredRecord sofar = new StoredRecord(setName, userKey, generation,
                        voidTime(ns.config(), request.ttl, existing), now, new ArrayList<>(bins.values()));
                results.add(new Bin(op.binName(), ReadExpression.decode(op.value().bytes())
                        .eval(new StoredRecordView(request.digest, sofar), now)));
                continue;
            }
            if (replace && (op.type() != Proto.OP_WRITE || op.value().type() == 0)) {
                throw new ServerException(ResultCode.PARAMETER_ERROR,
                        "a replace may only write bins, not modify, delete or touch");
            }
            if (op.type() == Proto.OP_TOUCH) {
                if (existing == null) {
                    throw new ServerException(ResultCode.KEY_NOT_FOUND, "touch of a missing record");
                }
                touched = true;
            } else if (op.type() == Proto.OP_DELETE) {
                bins.clear();
            } else {
                checkBinName(op.binName());
                Particle result = BinOperations.apply(op, bins);
                if (respondAll || result != null) {
                    results.add(new Bin(op.binName(), result != null ? result : NIL));
                }
            }
            wrote = true;
        }
        if (!wrote && !touched) {
            throw new ServerException(ResultCode.PARAMETER_ERROR, "write command without write operations");
        }
        if (bins.isEmpty()) {
            // A record left with no bins is deleted, as the real server does.
            checkDurableDelete(request);
            if (existing == null) {
                throw new ServerException(ResultCode.KEY_NOT_FOUND, "no bins left on a missing record");
            }
            partition.remove(request.digest, stored);
            return new Reply(ResultCode.OK, 0, 0, results);
        }
        long voidTime = voidTime(ns.config(), request.ttl, existing);
        StoredRecord next = new StoredRecord(setName, userKey, generation, voidTime, now,
                new ArrayList<>(bins.values()));
        if (next.sizeBytes() > ns.config().maxRecordBytes()) {
            throw new ServerException(ResultCode.RECORD_TOO_BIG, "record of " + next.sizeBytes() + " bytes");
        }
        partition.put(request.digest, stored, next);
        return new Reply(ResultCode.OK, generation, voidTime, results);
    }

    /** A read inside a write: all bins for get-all; a nameless read (get-header) adds none. */
    private static void readInto(Op op, Map<String, Bin> bins, List<Bin> results, RecordRequest request) {
        if (op.type() == Proto.OP_HLL_READ) {
            checkBinName(op.binName());
            Particle result = HllOperations.read(op, bins.get(op.binName()));
            results.add(new Bin(op.binName(), result != null ? result : NIL));
            return;
        }
        if (request.has1(Proto.INFO1_GET_ALL)) {
            results.addAll(bins.values());
            return;
        }
        if (op.binName().isEmpty()) {
            return;
        }
        Bin bin = bins.get(op.binName());
        if (bin != null) {
            results.add(bin);
        }
    }

    static void checkBinName(String name) {
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BIN_NAME_BYTES) {
            throw new ServerException(ResultCode.BIN_NAME_TOO_LONG, "bin name '" + name + "' is too long");
        }
    }

    /**
     * The void-time a write leaves: ttl 0 means the namespace default, -1 never expire, -2 keep
     * the record's current void-time. A TTL in a namespace without expiration is refused.
     */
    private long voidTime(NamespaceConfig config, int ttl, StoredRecord existing) {
        long seconds;
        if (ttl == -2) {
            if (existing != null) {
                return existing.voidTime();
            }
            seconds = config.defaultTtlSeconds();
        } else if (ttl == -1) {
            return 0;
        } else if (ttl == 0) {
            seconds = config.defaultTtlSeconds();
        } else if (ttl < 0 || ttl > MAX_TTL_SECONDS) {
            throw new ServerException(ResultCode.PARAMETER_ERROR, "ttl " + ttl + " out of range");
        } else {
            seconds = ttl;
        }
        if (seconds == 0) {
            return 0;
        }
        if (config.nsupPeriodSeconds() == 0) {
            throw new ServerException(ResultCode.FAIL_FORBIDDEN,
                    "TTL writes are refused by namespace " + config.name() + " (nsup-period 0)");
        }
        return ctx.nowServerSeconds() + seconds;
    }
}
