package io.aerobackup.restore;

import io.aerobackup.restore.record.RestoreRecord;
import org.apache.flink.api.common.functions.ReduceFunction;

import java.util.Map;

/**
 * Keeps, of two rows with the same digest, the one from the later chain member (a DELETE row
 * included: it deletes). Within one member a DELETE row wins (the change feed's delete sweep
 * runs after its window scan), otherwise the higher generation. Each record is then
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
        // Within one change-feed delta the delete sweep runs after the window scan: its DELETE is newer.
        boolean deleteA = a.record().operation() == io.aerobackup.record.RecordOperation.DELETE;
        boolean deleteB = b.record().operation() == io.aerobackup.record.RecordOperation.DELETE;
        if (deleteA != deleteB) {
            return deleteA ? a : b;
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
