package io.aerobackup.compact;

import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.CommittedFile;
import io.aerobackup.catalog.Compacted;
import io.aerobackup.catalog.Manifests;
import io.aerobackup.catalog.RestoreChain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The manifest of a compacted full: kind full, no parent; the chain target's covered time
 * ({@code windowToMillis}), sets, partitions, indexes and UDFs; counts, sizes and SHA-256 of the files
 * as written; and in its options what it was compacted from ({@link Compacted}) and what was dropped.
 */
final class CompactManifest {
    private CompactManifest() {
    }

    static BackupManifest of(RestoreChain chain, String backupId, Instant started, List<CompactedFile> written,
                             CompactSpec spec, long expired, long deletesApplied) {
        BackupManifest target = chain.target();
        List<CommittedFile> files = new ArrayList<>();
        for (CompactedFile f : written) {
            files.add(new CommittedFile(f.finalName(), f.records(), f.bytes(), f.binBytes(), f.sha256()));
        }
        Map<String, String> options = new LinkedHashMap<>(spec.optionsUsed());
        options.put(Compacted.FROM, target.backupId());
        options.put(Compacted.FROM_FINISHED_AT, Compacted.finishOrder(target).toString());
        options.put(Compacted.POINT_IN_TIME, pointInTime(chain).toString());
        options.put(Compacted.CHAIN, String.join(",", chain.members().stream().map(BackupManifest::backupId).toList()));
        options.put("expiredDropped", Long.toString(expired));
        options.put("deletesApplied", Long.toString(deletesApplied));
        return Manifests.of(new Manifests.Description(backupId, BackupManifest.FULL, null, target.namespace(),
                target.sets(), null, target.coverageEndMillis(), target.partitions(), started,
                target.secondaryIndexes(), target.udfs(), spec.parquet().codecName(), spec.parquet().level(), options),
                files, Instant.now());
    }

    /**
     * The chain point's time as {@code restore --time} sees it: a delta's point is never earlier
     * than its parent's, so it is the latest point of the chain's members.
     */
    static Instant pointInTime(RestoreChain chain) {
        Instant point = null;
        for (BackupManifest member : chain.members()) {
            Instant at = RestoreChain.pointInTimeOf(member);
            if (point == null || at.isAfter(point)) {
                point = at;
            }
        }
        return point;
    }
}
