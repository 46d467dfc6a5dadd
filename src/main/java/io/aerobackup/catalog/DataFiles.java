package io.aerobackup.catalog;

import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/** The committed data files of a backup folder, and their checksums. */
public final class DataFiles {
    private DataFiles() {
    }

    /** Committed Parquet files: hidden in-progress files of the file sink are not data yet. */
    public static List<FileStatus> committed(Path dataDir) throws IOException {
        FileSystem fs = dataDir.getFileSystem();
        List<FileStatus> files = new ArrayList<>();
        if (!fs.exists(dataDir)) {
            return files;
        }
        for (FileStatus status : fs.listStatus(dataDir)) {
            String name = status.getPath().getName();
            if (!status.isDir() && name.endsWith(".parquet") && !name.startsWith(".") && !name.startsWith("_")) {
                files.add(status);
            }
        }
        files.sort(Comparator.comparing(s -> s.getPath().getName()));
        return files;
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 16];
        try (FSDataInputStream in = file.getFileSystem().open(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
