package io.aerobackup.asb;

import com.github.luben.zstd.ZstdInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Finds the .asb files to import and opens them, decompressing zstd or gzip by their magic bytes. */
public final class AsbInput {
    private AsbInput() {
    }

    /** The file itself, or the .asb files of a folder (sorted by name, not recursive). */
    public static List<Path> files(Path fileOrDir) throws IOException {
        if (Files.isRegularFile(fileOrDir)) {
            return List.of(fileOrDir);
        }
        if (!Files.isDirectory(fileOrDir)) {
            throw new java.io.FileNotFoundException(fileOrDir + " is neither an .asb file nor a folder");
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(fileOrDir)) {
            list.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".asb")).sorted()
                    .forEach(files::add);
        }
        if (files.isEmpty()) {
            throw new java.io.FileNotFoundException("no .asb files in " + fileOrDir);
        }
        return files;
    }

    /** The file's text, decompressed when it starts with the zstd (28 B5 2F FD) or gzip (1F 8B) magic. */
    public static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            raw.mark(4);
            byte[] magic = raw.readNBytes(4);
            raw.reset();
            if (magic.length == 4 && (magic[0] & 0xFF) == 0x28 && (magic[1] & 0xFF) == 0xB5
                    && (magic[2] & 0xFF) == 0x2F && (magic[3] & 0xFF) == 0xFD) {
                return new BufferedInputStream(new ZstdInputStream(raw), 1 << 16);
            }
            if (magic.length >= 2 && (magic[0] & 0xFF) == 0x1F && (magic[1] & 0xFF) == 0x8B) {
                return new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
            }
            return raw;
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }
}
