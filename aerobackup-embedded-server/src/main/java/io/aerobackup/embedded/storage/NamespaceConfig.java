package io.aerobackup.embedded.storage;

/** The namespace settings the embedded server emulates. */
public final class NamespaceConfig {
    private final String name;
    private final long defaultTtlSeconds;
    private final int nsupPeriodSeconds;
    private final long dataTotalBytes;
    private final int maxRecordBytes;

    public NamespaceConfig(String name, long defaultTtlSeconds, int nsupPeriodSeconds, long dataTotalBytes,
                           int maxRecordBytes) {
        if (name == null || name.isEmpty() || name.length() > 31) {
            throw new IllegalArgumentException("namespace name must be 1 to 31 characters, was '" + name + "'");
        }
        this.name = name;
        this.defaultTtlSeconds = defaultTtlSeconds;
        this.nsupPeriodSeconds = nsupPeriodSeconds;
        this.dataTotalBytes = dataTotalBytes;
        this.maxRecordBytes = maxRecordBytes;
    }

    /** A namespace as a default Aerospike 8 install with expiration enabled would have it. */
    public static NamespaceConfig defaults(String name) {
        return new NamespaceConfig(name, 0, 120, 4L * 1024 * 1024 * 1024, 1024 * 1024);
    }

    public NamespaceConfig withNsupPeriod(int seconds) {
        return new NamespaceConfig(name, defaultTtlSeconds, seconds, dataTotalBytes, maxRecordBytes);
    }

    public NamespaceConfig withDefaultTtl(long seconds) {
        return new NamespaceConfig(name, seconds, nsupPeriodSeconds, dataTotalBytes, maxRecordBytes);
    }

    public NamespaceConfig withDataTotalBytes(long bytes) {
        return new NamespaceConfig(name, defaultTtlSeconds, nsupPeriodSeconds, bytes, maxRecordBytes);
    }

    public String name() {
        return name;
    }

    public long defaultTtlSeconds() {
        return defaultTtlSeconds;
    }

    public int nsupPeriodSeconds() {
        return nsupPeriodSeconds;
    }

    public long dataTotalBytes() {
        return dataTotalBytes;
    }

    public int maxRecordBytes() {
        return maxRecordBytes;
    }
}
