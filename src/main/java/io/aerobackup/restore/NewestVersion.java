package io.aerobackup.restore;

import org.apache.flink.api.common.functions.ReduceFunction;

import java.util.Map;

/**
 * Keeps, of two rows with the same digest, the one from the later chain member (a DELETE row
 * included: it deletes). Within one member the higher generation wins. Each record is then
 * written once, not once per delta.
 */
public final class NewestVersion implements ReduceFunction<RestoreRecord> {
    private static final long serialVersionUID = 1L;

    /** Data file path to the position of its backup in the chain (0 = the full backup). */
    private final Map<String, Integer> memberOfFile;

    public NewestVersion(Map<String, Integer> memberOfFile) {
        this.memberOfFile = Map.copyOf(memberOfFile);
    }

    @Override
    public RestoreRecord reduce(RestoreRecord a, RestoreRecord b) {
        int memberA = member(a);
        int memberB = member(b);
        if (memberA != memberB) {
            return memberA > memberB ? a : b;
        }
        return a.record().generation() >= b.record().generation() ? a : b;
    }

    private int member(RestoreRecord row) {
        Integer member = memberOfFile.get(row.sourceFile());
        if (member == null) {
            throw new IllegalStateException("row of digest " + row.record().digestHex() + " comes from "
                    + row.sourceFile() + ", which is not a file of the chain being restored");
        }
        return member;
    }
}
