package io.aerobackup.embedded.command;

import io.aerobackup.embedded.expression.FilterExpression;
import io.aerobackup.embedded.protocol.AsMessage;
import io.aerobackup.embedded.protocol.Field;
import io.aerobackup.embedded.protocol.Op;
import io.aerobackup.embedded.protocol.Proto;
import io.aerobackup.embedded.protocol.ResultCode;
import io.aerobackup.embedded.protocol.ServerException;
import io.aerobackup.embedded.storage.Particle;

import java.util.List;

/**
 * One single-record command, from a plain AS_MSG or from one row of a batch: the same rules
 * apply to both, so both are executed by {@link RecordExecutor}.
 */
final class RecordRequest {
    final int info1;
    final int info2;
    final int info3;
    final int generation;
    final int ttl;
    final String namespace;
    final String setName;
    final byte[] digest;
    final Particle userKey;
    final List<Op> ops;
    final FilterExpression filter;

    RecordRequest(int info1, int info2, int info3, int generation, int ttl, Field[] fields, List<Op> ops,
                  FilterExpression inheritedFilter) {
        this.info1 = info1;
        this.info2 = info2;
        this.info3 = info3;
        this.generation = generation;
        this.ttl = ttl;
        this.ops = ops;
        Field ns = fields[Proto.FIELD_NAMESPACE];
        if (ns == null) {
            throw new ServerException(ResultCode.PARAMETER_ERROR, "missing namespace field");
        }
        this.namespace = ns.string();
        Field set = fields[Proto.FIELD_SET];
        this.setName = set == null || set.length() == 0 ? null : set.string();
        Field digestField = fields[Proto.FIELD_DIGEST];
        if (digestField == null || digestField.length() != 20) {
            throw new ServerException(ResultCode.PARAMETER_ERROR, "missing or malformed digest field");
        }
        this.digest = digestField.bytes();
        Field key = fields[Proto.FIELD_KEY];
        if (key != null) {
            int keyType = key.length() < 1 ? -1 : key.byteAt(0) & 0xFF;
            if (keyType < 0 || (keyType == io.aerobackup.embedded.storage.Particle.INTEGER && key.length() != 9)) {
                throw new ServerException(ResultCode.UNSUPPORTED_FEATURE, "malformed key field");
            }
            this.userKey = new Particle(key.byteAt(0) & 0xFF, key.slice(1, key.length()));
        } else {
            this.userKey = null;
        }
        if (fields[Proto.FIELD_TXN_ID] != null) {
            throw new ServerException(ResultCode.UNSUPPORTED_FEATURE,
                    "transactions need a strong-consistency namespace");
        }
        Field exp = fields[Proto.FIELD_FILTER_EXP];
        this.filter = exp != null ? FilterExpression.decode(exp.bytes()) : inheritedFilter;
    }

    static RecordRequest of(AsMessage msg) {
        return new RecordRequest(msg.info1(), msg.info2(), msg.info3(), msg.generation(), msg.ttl(),
                msg.fields(), msg.ops(), null);
    }

    boolean has1(int flag) {
        return (info1 & flag) != 0;
    }

    boolean has2(int flag) {
        return (info2 & flag) != 0;
    }

    boolean has3(int flag) {
        return (info3 & flag) != 0;
    }

    boolean isWrite() {
        return has2(Proto.INFO2_WRITE);
    }
}
