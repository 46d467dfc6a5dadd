package io.aerobackup.catalog;

import io.aerobackup.config.ProductVersion;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds every manifest (backup jobs, change-feed rounds, compaction, ASB import) from what the
 * writers report of the files they finished, so counts and sizes are summed in one place.
 */
public final class Manifests {
    private Manifests() {
    }

    /**
     * What a backup is, apart from its files.
     *
     * @param windowFromMillis the last-update window's start, null for none
     * @param windowToMillis   the covered time T (a delta's window end), null when the start is T
     */
    public record Description(String backupId, String kind, String parentId, String namespace, List<String> sets,
                              Long windowFromMillis, Long windowToMillis, List<String> partitions, Instant startedAt,
                              List<BackupManifest.SecondaryIndex> secondaryIndexes, List<BackupManifest.Udf> udfs,
                              String compression, Integer compressionLevel, Map<String, String> options) {
    }

    /** The manifest committing {@code files}: record count, file bytes and bin bytes are their sums. */
    public static BackupManifest of(Description d, List<CommittedFile> files, Instant finishedAt) {
        List<BackupManifest.DataFile> listed = new ArrayList<>(files.size());
        long records = 0;
        long bytes = 0;
        long binBytes = 0;
        for (CommittedFile f : files) {
            listed.add(new BackupManifest.DataFile(f.path(), f.records(), f.bytes(), f.sha256()));
            records += f.records();
            bytes += f.bytes();
            binBytes += f.binBytes();
        }
        return new BackupManifest(BackupManifest.FORMAT_VERSION, d.backupId(), d.kind(), d.parentId(), d.namespace(),
                d.sets(), d.windowFromMillis(), d.windowToMillis(), d.partitions(), d.startedAt().toString(),
                finishedAt.toString(), records, bytes, binBytes, listed, d.secondaryIndexes(), d.udfs(),
                d.compression(), d.compressionLevel(), null, ProductVersion.version(), d.options());
    }
}
