package io.aerobackup.asb;

import io.aerobackup.catalog.BackupManifest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;

/**
 * Parses one .asb text file (versions 3.0 and 3.1, as asbackup writes them): the
 * {@code Version} line, the {@code #} meta lines, the {@code * i} (secondary index) and {@code * u}
 * (UDF) lines and the records ({@link AsbRecordParser}). Malformed input fails with an
 * {@link AsbFormatException} naming the file, the line and what was expected.
 */
public final class AsbParser {
    private final AsbTokens in;
    private final AsbListener listener;

    private AsbParser(InputStream input, String file, AsbListener listener) {
        this.in = new AsbTokens(input, file);
        this.listener = listener;
    }

    /** Parses the whole stream; {@code file} names it in error messages. Returns the number of records. */
    public static long parse(InputStream input, String file, AsbListener listener) throws IOException {
        AsbParser parser = new AsbParser(input, file, listener);
        try {
            return parser.parse();
        } catch (AsbFormatException e) {
            throw e;
        } catch (IOException e) {
            // A truncated or damaged zstd/gzip stream, or a read error: still name the file and the line.
            throw new AsbFormatException(file, parser.in.line(), "cannot read the file (" + e + ")", e);
        }
    }

    private long parse() throws IOException {
        String version = header();
        in.escapes(!"3.0".equals(version));
        String namespace = null;
        boolean firstFile = false;
        while (in.peek() == '#') {
            in.read();
            in.expect(' ', "a space after '#'");
            boolean[] ended = new boolean[1];
            String key = in.tokenUntilSpaceOrNewline("a meta key", ended);
            if ("namespace".equals(key) && !ended[0]) {
                namespace = in.token('\n', "the namespace");
            } else if ("first-file".equals(key) && ended[0]) {
                firstFile = true;
            } else {
                throw new AsbFormatException(in.file(), in.line() - 1, "expected the meta line '# namespace NS' or"
                        + " '# first-file', found '# " + key + "'");
            }
        }
        listener.meta(in.file(), version, namespace, firstFile);
        AsbRecordParser records = new AsbRecordParser(in, listener);
        long count = 0;
        while (true) {
            int c = in.peek();
            if (c < 0) {
                return count;
            }
            if (c == '*') {
                global();
            } else if (c == '+') {
                records.record();
                count++;
            } else {
                throw in.error("expected a record ('+ '), a secondary index or UDF ('* '), found '"
                        + AsbTokens.printable((char) c) + "'");
            }
        }
    }

    private String header() throws IOException {
        if (in.peek() < 0) {
            throw in.error("the file is empty; expected the line 'Version 3.1'");
        }
        boolean[] ended = new boolean[1];
        String word = in.tokenUntilSpaceOrNewline("'Version'", ended);
        if (!"Version".equals(word) || ended[0]) {
            throw new AsbFormatException(in.file(), 1, "expected the line 'Version 3.1' (or 3.0), found '" + word
                    + "'; is this an asbackup .asb file?");
        }
        String version = in.token('\n', "the version");
        if (!"3.0".equals(version) && !"3.1".equals(version)) {
            throw new AsbFormatException(in.file(), 1, "expected version 3.0 or 3.1, found '" + version + "'");
        }
        return version;
    }

    private void global() throws IOException {
        in.read();
        in.expect(' ', "a space after '*'");
        int kind = in.readRequired("'i' or 'u'");
        in.expect(' ', "a space after the global type");
        if (kind == 'i') {
            index();
        } else if (kind == 'u') {
            udf();
        } else {
            throw new AsbFormatException(in.file(), in.line(), "expected a secondary index ('* i') or a UDF ('* u'),"
                    + " found '* " + AsbTokens.printable((char) kind) + "'");
        }
    }

    private void index() throws IOException {
        boolean[] ended = new boolean[1];
        String ns = in.token(' ', "the index's namespace");
        String set = in.token(' ', "the index's set");
        String name = in.token(' ', "the index name");
        String indexType = collectionType(in.token(' ', "the index type (N, L, K or V)"));
        long paths = in.integer(' ', "the number of index paths");
        if (paths != 1) {
            throw in.error("expected exactly one index path, found " + paths);
        }
        String bin = in.token(' ', "the index path (bin)");
        String type = pathType(in.tokenUntilSpaceOrNewline("the path type (S, N, G or B)", ended));
        String context = ended[0] ? null : in.token('\n', "the index context");
        listener.secondaryIndex(ns, new BackupManifest.SecondaryIndex(name, set.isEmpty() ? null : set, bin, type,
                indexType, context == null || context.isEmpty() ? null : context, null));
    }

    private String collectionType(String label) throws IOException {
        switch (label) {
            case "N": return "default";
            case "L": return "list";
            case "K": return "mapkeys";
            case "V": return "mapvalues";
            default: throw in.error("expected an index type N, L, K or V, found '" + label + "'");
        }
    }

    private String pathType(String label) throws IOException {
        switch (label) {
            case "S": return "STRING";
            case "N": return "NUMERIC";
            case "G": return "GEO2DSPHERE";
            case "B": return "BLOB";
            default: throw in.error("expected a path type S, N, G or B, found '" + label + "'");
        }
    }

    private void udf() throws IOException {
        String type = in.token(' ', "the UDF type");
        if (!"L".equals(type)) {
            throw in.error("expected the UDF type L (Lua), found '" + type + "'");
        }
        String name = in.token(' ', "the UDF file name");
        int size = in.size("the UDF content");
        byte[] content = in.raw(size, "the UDF content");
        listener.udf(new BackupManifest.Udf(name, "LUA", Base64.getEncoder().encodeToString(content)));
    }
}
