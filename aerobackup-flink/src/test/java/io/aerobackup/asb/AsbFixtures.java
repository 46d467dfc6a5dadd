package io.aerobackup.asb;

import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.record.BackupRecord;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Hand-written .asb text and a listener that collects what the parser found. */
final class AsbFixtures {
    /** Digest bytes 0..19. */
    static final String DIGEST1 = "AAECAwQFBgcICQoLDA0ODxAREhM=";
    /** Digest bytes 20..39. */
    static final String DIGEST2 = "FBUWFxgZGhscHR4fICEiIyQlJic=";
    static final String GEO = "{\"type\":\"Point\",\"coordinates\":[1.5,2]}";
    static final String LUA = "function f(r)\n  return 1\nend\n";

    private AsbFixtures() {
    }

    /** "LEN TEXT" as asbackup writes length-prefixed data (length in UTF-8 bytes). */
    static String data(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length + " " + text;
    }

    /** Every header and every bin type; two records, the second with an integer key and no set. */
    static String everyType() {
        return "Version 3.1\n"
                + "# namespace test\n"
                + "# first-file\n"
                + "* i test demo idx_age N 1 age N\n"
                + "* i test  idx_tags L 1 tags S\n"
                + "* u L m.lua " + data(LUA) + "\n"
                + "+ k S " + data("alice") + "\n"
                + "+ n test\n"
                + "+ d " + DIGEST1 + "\n"
                + "+ s demo\n"
                + "+ g 3\n"
                + "+ t 500000000\n"
                + "+ b 17\n"
                + "- I age 42\n"
                + "- I neg -9223372036854775808\n"
                + "- D score 1.5\n"
                + "- D tiny 4.9406564584124654e-324\n"
                + "- S name " + data("two\nlines é") + "\n"
                + "- X enc 4 aGk=\n"
                + "- Z yes T\n"
                + "- Z no F\n"
                + "- B blob 4 AQID\n"
                + "- B! raw 3 a c\n"
                + "- J java 4 AQID\n"
                + "- P py 4 BAUG\n"
                + "- Y hll 4 AQID\n"
                + "- L list 8 kgGiA2E=\n"
                + "- M map 8 gaIDYQE=\n"
                + "- G geo " + data(GEO) + "\n"
                + "- N gone\n"
                + "+ k I 7\n"
                + "+ n test\n"
                + "+ d " + DIGEST2 + "\n"
                + "+ g 1\n"
                + "+ t 0\n"
                + "+ b 1\n"
                + "- S sp\\ ace " + data("x") + "\n";
    }

    static Collected parse(String text, String file) throws IOException {
        Collected c = new Collected();
        AsbParser.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), file, c);
        return c;
    }

    static final class Collected implements AsbListener {
        String version;
        String namespace;
        boolean firstFile;
        final List<BackupManifest.SecondaryIndex> indexes = new ArrayList<>();
        final List<BackupManifest.Udf> udfs = new ArrayList<>();
        final List<BackupRecord> records = new ArrayList<>();
        final List<String> recordNamespaces = new ArrayList<>();

        @Override
        public void meta(String file, String version, String namespace, boolean firstFile) {
            this.version = version;
            this.namespace = namespace;
            this.firstFile = firstFile;
        }

        @Override
        public void secondaryIndex(String ns, BackupManifest.SecondaryIndex index) {
            indexes.add(index);
        }

        @Override
        public void udf(BackupManifest.Udf udf) {
            udfs.add(udf);
        }

        @Override
        public void record(String ns, BackupRecord record, int line) {
            recordNamespaces.add(ns);
            records.add(record);
        }
    }
}
