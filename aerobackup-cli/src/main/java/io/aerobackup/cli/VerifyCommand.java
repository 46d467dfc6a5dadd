package io.aerobackup.cli;

import io.aerobackup.config.TimeArguments;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.BackupVerifier;
import io.aerobackup.catalog.BackupVerifier.Problem;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.catalog.CatalogPaths;
import io.aerobackup.catalog.ChainException;
import io.aerobackup.catalog.ChainResolver;
import io.aerobackup.catalog.EncryptedBackups;
import io.aerobackup.crypto.KeyRing;
import io.aerobackup.catalog.RestoreChain;
import io.aerobackup.execution.BadInputException;
import org.apache.flink.core.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code aerobackup verify}: checks backups against their manifests (files present, sizes, SHA-256,
 * every row decodes, row counts) and their chains. Damage is a failed check (exit 1), not bad
 * input: bad input is an unknown root, namespace, backup id or time (exit 2).
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verifies backups: files, sizes, SHA-256 checksums, rows and restore chains.",
            "With --backup (or --at): that backup's whole restore chain; otherwise every complete backup."})
public final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "URI", description = "Catalog root.")
    String from;

    @Option(names = "--namespace", paramLabel = "NS", description = "Only this namespace.")
    String namespace;

    @Option(names = "--backup", paramLabel = "ID", description = "Verify this backup and the chain it restores from.")
    String backupId;

    @Option(names = "--at", paramLabel = "TIME", description = "Verify the chain a restore at this time reads"
            + " (UTC ISO-8601 or epoch seconds; needs --namespace).")
    String at;

    @Option(names = "--checksums-only", description = "Skip decoding rows: only presence, sizes and SHA-256.")
    boolean checksumsOnly;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Mixin
    EncryptionOptionsMixin encryption;

    private KeyRing keys = KeyRing.EMPTY;
    private boolean keyMissing;

    private final List<Map<String, Object>> verified = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final List<String> incomplete = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (backupId != null && at != null) {
            throw new ParameterException(spec.commandLine(), "give --backup or --at, not both");
        }
        if (at != null && namespace == null) {
            throw new ParameterException(spec.commandLine(), "--at needs --namespace");
        }
        keys = encryption.keyRing(spec);
        Catalog catalog = new Catalog(new Path(from));
        ChainResolver resolver = new ChainResolver(catalog);
        try {
            if (backupId != null || at != null) {
                verifyChain(catalog, resolver);
            } else {
                verifyAll(catalog, resolver);
            }
        } catch (ChainException e) {
            if (e.isBadRequest()) {
                throw new BadInputException(e.getMessage(), e);
            }
            throw e;
        }
        print();
        if (keyMissing) {
            return ExitCodes.USAGE; // a key is needed or does not match: bad input, not damage
        }
        return problems.isEmpty() ? ExitCodes.OK : ExitCodes.RUN_FAILED;
    }

    private void verifyChain(Catalog catalog, ChainResolver resolver) throws IOException {
        String ns = namespace != null ? namespace : namespaceOf(resolver);
        RestoreChain chain;
        try {
            chain = at != null ? resolver.chainAt(ns, TimeArguments.parse("--at", at)) : resolver.chain(ns, backupId);
        } catch (ChainException e) {
            if (e.isBadRequest()) {
                throw e;
            }
            problems.add(chainProblem(catalog, ns, backupId, e));
            if (backupId == null) {
                return;
            }
            // The chain is broken, but the backup's own files may still be worth checking.
            try {
                verifyOne(catalog, resolver.manifest(ns, backupId), false);
            } catch (ChainException unreadable) {
                verified.add(row(ns, backupId, null, false));
            }
            return;
        }
        for (BackupManifest member : chain.members()) {
            verifyOne(catalog, member, true);
        }
    }

    private void verifyAll(Catalog catalog, ChainResolver resolver) throws IOException {
        List<ChainResolver.Folder> folders = resolver.folders(namespace);
        if (folders.isEmpty() && !catalog.root().getFileSystem().exists(CatalogPaths.marker(catalog.root()))) {
            throw new BadInputException(from + " is not an aerobackup catalog (no " + CatalogPaths.MARKER
                    + " and no backups); give the folder backups were written to (--from)");
        }
        for (ChainResolver.Folder folder : folders) {
            if (!folder.complete()) {
                incomplete.add(folder.namespace() + "/" + folder.backupId());
                continue;
            }
            BackupManifest manifest;
            try {
                manifest = resolver.manifest(folder.namespace(), folder.backupId());
            } catch (ChainException e) {
                problems.add(chainProblem(catalog, folder.namespace(), folder.backupId(), e));
                verified.add(row(folder.namespace(), folder.backupId(), null, false));
                continue;
            }
            boolean chainOk = true;
            if (BackupManifest.DELTA.equals(manifest.kind())) {
                try {
                    resolver.chain(folder.namespace(), folder.backupId());
                } catch (ChainException e) {
                    problems.add(chainProblem(catalog, folder.namespace(), folder.backupId(), e));
                    chainOk = false;
                }
            }
            verifyOne(catalog, manifest, chainOk);
        }
    }

    private String namespaceOf(ChainResolver resolver) throws IOException {
        List<String> holding = resolver.namespacesHolding(backupId);
        if (holding.size() == 1) {
            return holding.get(0);
        }
        if (holding.isEmpty()) {
            throw new BadInputException("unknown backup '" + backupId + "' under " + from
                    + "; run 'aerobackup list --from " + from + "' to see the backups there");
        }
        throw new BadInputException("backup '" + backupId + "' exists in namespaces " + String.join(", ", holding)
                + "; choose one with --namespace");
    }

    /** Checks one backup's files; {@code chainOk} is false when its chain already failed. */
    private void verifyOne(Catalog catalog, BackupManifest manifest, boolean chainOk) throws IOException {
        Problem keyProblem = EncryptedBackups.check(catalog, manifest, keys);
        List<Problem> found = new ArrayList<>();
        if (keyProblem != null) {
            found.add(keyProblem);
            keyMissing |= EncryptedBackups.needsKey(keyProblem);
            if (EncryptedBackups.needsKey(keyProblem)) {
                found.addAll(BackupVerifier.verify(catalog, manifest, false)); // what can be checked without the key
            }
        } else {
            found.addAll(BackupVerifier.verify(catalog, manifest, !checksumsOnly, keys));
        }
        problems.addAll(found);
        verified.add(row(manifest.namespace(), manifest.backupId(), manifest, chainOk && found.isEmpty()));
    }

    private static Problem chainProblem(Catalog catalog, String ns, String id, ChainException e) {
        String file = id == null ? catalog.root().toString() : CatalogPaths.manifest(catalog.root(), ns, id).toString();
        return new Problem(id, file, e.getMessage(), null);
    }

    private static Map<String, Object> row(String ns, String id, BackupManifest manifest, boolean ok) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("namespace", ns);
        row.put("backupId", id);
        row.put("kind", manifest == null ? null : manifest.kind());
        row.put("files", manifest == null ? 0 : manifest.files().size());
        row.put("records", manifest == null ? 0 : manifest.recordCount());
        row.put("ok", ok);
        return row;
    }

    private void print() {
        long files = verified.stream().mapToLong(r -> ((Number) r.get("files")).longValue()).sum();
        long records = verified.stream().mapToLong(r -> ((Number) r.get("records")).longValue()).sum();
        if (json) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("root", from);
            summary.put("ok", problems.isEmpty());
            summary.put("rowsDecoded", !checksumsOnly);
            summary.put("backups", verified);
            summary.put("problems", problems);
            summary.put("incompleteSkipped", incomplete);
            out().println(JsonOutput.write(summary));
            out().flush();
            return;
        }
        for (Map<String, Object> r : verified) {
            out().printf("%-7s %s %s %s, %d file(s), %,d records%n", Boolean.TRUE.equals(r.get("ok")) ? "OK" : "FAILED",
                    r.get("namespace"), r.get("backupId"), r.get("kind") == null ? "?" : r.get("kind"), r.get("files"),
                    r.get("records"));
        }
        for (Problem problem : problems) {
            out().println("PROBLEM " + problem);
        }
        long failed = verified.stream().filter(r -> !Boolean.TRUE.equals(r.get("ok"))).count();
        out().printf("%s: %d backup(s), %d file(s), %,d records verified under %s (%s)%s; %s%n",
                problems.isEmpty() ? "Clean" : "FAILED", verified.size(), files, records, from,
                checksumsOnly ? "checksums only" : "checksums and rows",
                incomplete.isEmpty() ? "" : "; " + incomplete.size() + " incomplete backup(s) skipped (no manifest)",
                problems.isEmpty() ? "no problems" : problems.size() + " problem(s) in " + failed + " backup(s)");
        out().flush();
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
