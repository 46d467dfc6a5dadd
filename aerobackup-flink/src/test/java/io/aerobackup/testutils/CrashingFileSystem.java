package io.aerobackup.testutils;

import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.FileSystemFactory;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.fs.local.LocalFileSystem;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local file system that "crashes" after a number of changes: {@code crashfs://n3-1/tmp/x} lets 3
 * deletes or renames through and fails every later one with an IOException, as a process killed
 * midway would leave the catalog. The part after the dash only makes each root's counter its own.
 * Registered with Flink through META-INF/services.
 */
public final class CrashingFileSystem extends LocalFileSystem {
    public static final String SCHEME = "crashfs";
    private static final Map<String, AtomicInteger> CHANGES = new ConcurrentHashMap<>();
    private static final AtomicInteger ROOTS = new AtomicInteger();

    private final URI uri;
    private final int allowed;
    private final AtomicInteger changes;

    private CrashingFileSystem(URI uri) {
        this.uri = uri;
        this.allowed = Integer.parseInt(uri.getAuthority().substring(1, uri.getAuthority().indexOf('-')));
        this.changes = CHANGES.computeIfAbsent(uri.getAuthority(), a -> new AtomicInteger());
    }

    /** A root URI for a local folder that fails every delete or rename after the first {@code allowed}. */
    public static String root(int allowed, java.nio.file.Path folder) {
        return SCHEME + "://n" + allowed + "-" + ROOTS.incrementAndGet() + folder.toAbsolutePath();
    }

    private void change(Path path) throws IOException {
        if (changes.incrementAndGet() > allowed) {
            throw new IOException("simulated crash before changing " + path);
        }
    }

    @Override
    public URI getUri() {
        return uri;
    }

    @Override
    public boolean delete(Path f, boolean recursive) throws IOException {
        change(f);
        return super.delete(f, recursive);
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
        change(src);
        return super.rename(src, dst);
    }

    /** Flink finds it through META-INF/services/org.apache.flink.core.fs.FileSystemFactory. */
    public static final class Factory implements FileSystemFactory {
        @Override
        public String getScheme() {
            return SCHEME;
        }

        @Override
        public FileSystem create(URI fsUri) {
            return new CrashingFileSystem(fsUri);
        }
    }
}
