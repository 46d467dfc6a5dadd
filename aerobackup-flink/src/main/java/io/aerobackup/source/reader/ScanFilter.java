package io.aerobackup.source.reader;

import com.aerospike.client.exp.Exp;
import com.aerospike.client.exp.Expression;
import io.aerobackup.config.ScanOptions;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The server-side filter of a scan: the user's expression (base64, as Aerospike tools take it),
 * the set list when there is more than one set, and the last-update-time window, joined with AND.
 */
final class ScanFilter {
    /** Aerospike's expression op code for AND. */
    private static final int EXP_AND = 16;

    private ScanFilter() {
    }

    /** The combined expression, or null when the scan has no filter. */
    static Expression of(ScanOptions options) {
        List<byte[]> parts = new ArrayList<>();
        if (options.filterExpression() != null) {
            parts.add(Base64.getDecoder().decode(options.filterExpression()));
        }
        if (options.sets().size() > 1) {
            Exp[] anyOf = options.sets().stream().map(s -> Exp.eq(Exp.setName(), Exp.val(s))).toArray(Exp[]::new);
            parts.add(Exp.build(Exp.or(anyOf)).getBytes());
        }
        if (options.modifiedAfterMillis() != null) {
            parts.add(Exp.build(Exp.ge(Exp.lastUpdate(), Exp.val(options.modifiedAfterMillis() * 1_000_000L))).getBytes());
        }
        if (options.modifiedBeforeMillis() != null) {
            parts.add(Exp.build(Exp.lt(Exp.lastUpdate(), Exp.val(options.modifiedBeforeMillis() * 1_000_000L))).getBytes());
        }
        if (parts.isEmpty()) {
            return null;
        }
        if (parts.size() == 1) {
            return Expression.fromBytes(parts.get(0));
        }
        return Expression.fromBytes(and(parts));
    }

    /** msgpack [AND, e1, e2, ...]: the packed form Exp.and would produce from already-packed parts. */
    private static byte[] and(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = parts.size() + 1;
        if (n < 16) {
            out.write(0x90 | n);
        } else {
            out.write(0xdc);
            out.write(n >>> 8);
            out.write(n);
        }
        out.write(EXP_AND);
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** The single set to pass to the scan call, or null when the scan covers several sets or all. */
    static String singleSet(ScanOptions options) {
        return options.sets().size() == 1 ? options.sets().get(0) : null;
    }
}
