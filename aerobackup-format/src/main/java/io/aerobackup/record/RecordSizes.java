package io.aerobackup.record;


/** Approximate sizes of bin data, for the time model's D and for throughput figures. */
public final class RecordSizes {
    private RecordSizes() {
    }

    /** Bin names plus values, about as the wire carries them. */
    public static long binBytes(BackupRecord record) {
        long total = 0;
        for (BackupBin bin : record.bins()) {
            total += bin.name().length() + bin.particle().length;
        }
        return total;
    }

}
