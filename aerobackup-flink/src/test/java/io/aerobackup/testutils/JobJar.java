package io.aerobackup.testutils;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

/**
 * The job jar {@code flink run} submits, built in the test phase (the shaded jar of the package
 * phase does not exist yet, and an old one may be stale): the compiled classes of
 * {@code target/classes} and, under {@code lib/}, every jar the shaded jar would bundle (runtime
 * scope, listed by the build in {@code target/flink-cluster/job.classpath}). Flink's client
 * extracts {@code lib/*.jar} of a job jar and ships them with it, so the cluster sees the same
 * classes as with the shaded jar, without the minute of shading.
 */
public final class JobJar {
    private JobJar() {
    }

    public static Path build(Path jar) throws IOException {
        Path classes = Path.of("target", "classes");
        Path list = Path.of("target", "flink-cluster", "job.classpath");
        if (!Files.isDirectory(classes) || !Files.exists(list)) {
            throw new IOException(classes + " or " + list + " is missing: run the test through mvn");
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            Set<String> written = new HashSet<>();
            addTree(out, classes, written);
            for (String dependency : Files.readString(list).trim().split(":")) {
                Path path = Path.of(dependency);
                if (Files.isDirectory(path)) {
                    addTree(out, path, written); // another module of this build, not packaged yet
                } else {
                    storeUncompressed(out, "lib/" + path.getFileName(), path);
                }
            }
        }
        return jar;
    }

    /** The files of a classes folder at the jar's root (the first of a name wins). */
    private static void addTree(JarOutputStream out, Path root, Set<String> written) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            String name = root.relativize(file).toString().replace('\\', '/');
            if (!name.equals("META-INF/MANIFEST.MF") && written.add(name)) {
                out.putNextEntry(new JarEntry(name));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }

    /** Jars are compressed already: stored as they are, which is much faster than deflating them again. */
    private static void storeUncompressed(JarOutputStream out, String name, Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        JarEntry entry = new JarEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        entry.setCrc(crc.getValue());
        out.putNextEntry(entry);
        ((OutputStream) out).write(bytes);
        out.closeEntry();
    }
}
