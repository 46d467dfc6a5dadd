package io.aerobackup.catalog.retention;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Chooses which committed backups of one namespace {@code prune} keeps; no I/O.
 *
 * <p>Only restorable backups (whose chain of parents reaches a full backup) count for the policies.
 * Each backup's time is its point in time in UTC, never earlier than its parent's (the same time
 * {@code restore --time} uses); newest first, a later id first on equal times. Every policy picks
 * backups on its own (restic semantics): {@code keep-last N} the N newest; {@code keep-daily N}
 * (weekly, monthly) the newest backup of each of the N newest days (ISO weeks, months) that have a
 * backup; {@code keep-within D} every backup within D of the newest backup's time. The backup that
 * finished last and the newest full are always kept, since the next incremental (cumulative) delta
 * builds on them. Every backup a kept backup's chain needs is kept ("needed by &lt;id&gt;").
 *
 * <p>A delta whose chain ends at a missing or incomplete parent cannot be restored and is deleted.
 * A backup whose chain reaches an unreadable manifest, loops, or has an unknown kind is left alone.
 */
public final class RetentionSelector {
    private final Map<String, Candidate> byId = new LinkedHashMap<>();
    private final Map<String, String> unreadable;
    private final Set<String> incomplete;
    /** Why a backup cannot be restored; absent when it can. */
    private final Map<String, Broken> broken = new HashMap<>();
    private final Map<String, Instant> times = new HashMap<>();

    private RetentionSelector(List<Candidate> candidates, Map<String, String> unreadable, Set<String> incomplete) {
        candidates.forEach(c -> byId.put(c.backupId(), c));
        this.unreadable = unreadable;
        this.incomplete = incomplete;
    }

    /**
     * @param candidates the namespace's committed, readable backups
     * @param unreadable folders with a manifest that cannot be read, and why
     * @param incomplete ids of folders without a manifest
     */
    public static RetentionPlan select(List<Candidate> candidates, Map<String, String> unreadable,
                                       Set<String> incomplete, RetentionPolicy policy) {
        if (policy.isEmpty()) {
            throw new IllegalArgumentException("no retention policy given");
        }
        return new RetentionSelector(candidates, unreadable, incomplete).plan(policy);
    }

    private RetentionPlan plan(RetentionPolicy policy) {
        byId.keySet().forEach(this::classify);
        List<Candidate> restorable = new ArrayList<>();
        for (Candidate c : byId.values()) {
            if (!broken.containsKey(c.backupId())) {
                restorable.add(c);
            }
        }
        restorable.sort(Comparator.comparing(this::time).thenComparing(Candidate::backupId).reversed());
        Map<String, Set<String>> reasons = new HashMap<>();
        applyPolicies(policy, restorable, reasons);
        protectNextParents(restorable, reasons, neededBy(restorable, reasons));
        Map<String, String> neededBy = neededBy(restorable, reasons);
        List<Decision> kept = new ArrayList<>();
        List<Candidate> deleted = new ArrayList<>();
        Map<String, String> deleteReasons = new HashMap<>();
        for (Candidate c : restorable) {
            Set<String> why = reasons.getOrDefault(c.backupId(), new LinkedHashSet<>());
            if (neededBy.containsKey(c.backupId())) {
                why.add("needed by " + neededBy.get(c.backupId()));
            }
            if (why.isEmpty()) {
                deleted.add(c);
                deleteReasons.put(c.backupId(), "no policy keeps it");
            } else {
                kept.add(decision(c, time(c), List.copyOf(why)));
            }
        }
        List<Decision> leftAlone = new ArrayList<>();
        for (Candidate c : byId.values()) {
            Broken b = broken.get(c.backupId());
            if (b != null && b.deletable()) {
                deleted.add(c);
                deleteReasons.put(c.backupId(), "cannot be restored: " + b.reason());
            } else if (b != null) {
                leftAlone.add(decision(c, c.pointInTime(), List.of(b.reason())));
            }
        }
        unreadable.forEach((id, why) -> leftAlone.add(new Decision(id, null, null, true, null, 0,
                List.of("manifest cannot be read, not touched (run verify): " + why))));
        checkChainsKept(kept, deleted);
        return new RetentionPlan(kept, deletionOrder(deleted, deleteReasons), leftAlone);
    }

    private void applyPolicies(RetentionPolicy policy, List<Candidate> newestFirst, Map<String, Set<String>> reasons) {
        for (int i = 0; i < Math.min(policy.keepLast(), newestFirst.size()); i++) {
            reason(reasons, newestFirst.get(i), "last");
        }
        bucket(newestFirst, reasons, policy.keepDaily(), "daily", t -> t.toLocalDate().toString());
        bucket(newestFirst, reasons, policy.keepWeekly(), "weekly", t -> String.format("%d-W%02d",
                t.get(IsoFields.WEEK_BASED_YEAR), t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
        bucket(newestFirst, reasons, policy.keepMonthly(), "monthly", t -> String.format("%d-%02d",
                t.getYear(), t.getMonthValue()));
        if (policy.keepWithin() != null && !newestFirst.isEmpty()) {
            Instant from = time(newestFirst.get(0)).minus(policy.keepWithin());
            for (Candidate c : newestFirst) {
                if (!time(c).isBefore(from)) {
                    reason(reasons, c, "within " + Durations.format(policy.keepWithin()) + " of the newest");
                }
            }
        }
    }

    /** The backups a running or next incremental (cumulative) delta builds on, when nothing keeps them yet. */
    private static void protectNextParents(List<Candidate> restorable, Map<String, Set<String>> reasons,
                                           Map<String, String> neededBy) {
        java.util.function.Predicate<Candidate> unkept =
                c -> !reasons.containsKey(c.backupId()) && !neededBy.containsKey(c.backupId());
        restorable.stream().max(Comparator.comparing(Candidate::finishedAt).thenComparing(Candidate::backupId))
                .filter(unkept)
                .ifPresent(c -> reason(reasons, c, "finished last: the next incremental builds on it"));
        restorable.stream().filter(Candidate::isFull).max(Comparator.comparing(Candidate::backupId))
                .filter(unkept)
                .ifPresent(c -> reason(reasons, c, "newest full: the next cumulative delta builds on it"));
    }

    /** For every ancestor of a backup with a reason: the newest such backup that needs it. */
    private Map<String, String> neededBy(List<Candidate> newestFirst, Map<String, Set<String>> reasons) {
        Map<String, String> neededBy = new HashMap<>();
        for (Candidate c : newestFirst) {
            if (reasons.containsKey(c.backupId())) {
                for (String p = c.isFull() ? null : c.parentId(); p != null && !neededBy.containsKey(p); ) {
                    neededBy.put(p, c.backupId());
                    Candidate parent = byId.get(p);
                    p = parent.isFull() ? null : parent.parentId();
                }
            }
        }
        return neededBy;
    }

    /** Keeps the newest backup of each of the {@code count} newest buckets that hold one. */
    private void bucket(List<Candidate> newestFirst, Map<String, Set<String>> reasons, int count, String name,
                        Function<ZonedDateTime, String> key) {
        String last = null;
        int left = count;
        for (Candidate c : newestFirst) {
            if (left == 0) {
                return;
            }
            String k = key.apply(time(c).atZone(ZoneOffset.UTC));
            if (!k.equals(last)) {
                reason(reasons, c, name + " " + k);
                last = k;
                left--;
            }
        }
    }

    private static void reason(Map<String, Set<String>> reasons, Candidate c, String reason) {
        reasons.computeIfAbsent(c.backupId(), id -> new LinkedHashSet<>()).add(reason);
    }

    /** Follows parent links from {@code id}; records why its chain is broken, if it is. */
    private void classify(String id) {
        List<String> path = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Broken verdict = null;
        String current = id;
        while (current != null) {
            if (broken.containsKey(current) || times.containsKey(current)) {
                verdict = broken.get(current);
                break;
            }
            Candidate c = byId.get(current);
            if (!seen.add(current)) {
                verdict = new Broken("its chain loops through " + current + ", not touched (run verify)", false);
                break;
            }
            path.add(current);
            if (c.isFull()) {
                break;
            }
            if (!"delta".equals(c.kind())) {
                verdict = new Broken("kind '" + c.kind() + "' is unknown to this aerobackup, not touched", false);
                break;
            }
            String parent = c.parentId();
            if (parent == null || parent.isBlank()) {
                verdict = new Broken("delta " + current + " names no parent", true);
                break;
            }
            if (unreadable.containsKey(parent)) {
                verdict = new Broken("its chain needs " + parent + ", whose manifest cannot be read; not touched",
                        false);
                break;
            }
            if (!byId.containsKey(parent)) {
                verdict = new Broken("delta " + current + " names parent " + parent + ", which "
                        + (incomplete.contains(parent) ? "is incomplete" : "is missing"), true);
                break;
            }
            current = parent;
        }
        for (int i = path.size() - 1; i >= 0; i--) {
            String member = path.get(i);
            if (verdict != null) {
                broken.put(member, verdict);
            } else {
                Candidate c = byId.get(member);
                Instant parentTime = c.isFull() ? null : times.get(c.parentId());
                times.put(member, parentTime != null && parentTime.isAfter(c.pointInTime()) ? parentTime
                        : c.pointInTime());
            }
        }
    }

    private Instant time(Candidate c) {
        return times.get(c.backupId());
    }

    /** Children before parents: the deepest delta first, so no step leaves a delta whose parent is gone. */
    private List<Decision> deletionOrder(List<Candidate> deleted, Map<String, String> reasons) {
        Map<String, Integer> depth = new HashMap<>();
        for (Candidate c : deleted) {
            int d = 0;
            Set<String> seen = new LinkedHashSet<>();
            for (Candidate p = c; p != null && !p.isFull() && p.parentId() != null && seen.add(p.backupId()); ) {
                p = byId.get(p.parentId());
                d++;
            }
            depth.put(c.backupId(), d);
        }
        List<Candidate> ordered = new ArrayList<>(deleted);
        ordered.sort(Comparator.comparing((Candidate c) -> depth.get(c.backupId()))
                .thenComparing(Candidate::backupId).reversed());
        List<Decision> decisions = new ArrayList<>();
        for (Candidate c : ordered) {
            Instant t = times.getOrDefault(c.backupId(), c.pointInTime());
            decisions.add(decision(c, t, List.of(reasons.get(c.backupId()))));
        }
        return decisions;
    }

    /** The promise prune makes: nothing a kept backup's chain needs is deleted. */
    private void checkChainsKept(List<Decision> kept, List<Candidate> deleted) {
        Set<String> gone = new java.util.HashSet<>();
        deleted.forEach(c -> gone.add(c.backupId()));
        for (Decision k : kept) {
            for (Candidate c = byId.get(k.backupId()); c != null && !c.isFull(); c = byId.get(c.parentId())) {
                if (gone.contains(c.parentId())) {
                    throw new IllegalStateException("retention would delete " + c.parentId() + ", which kept backup "
                            + k.backupId() + " needs");
                }
            }
        }
    }

    private static Decision decision(Candidate c, Instant time, List<String> reasons) {
        return new Decision(c.backupId(), c.kind(), c.parentId(), true, time, c.fileBytes(), reasons);
    }

    /** Why a chain cannot be restored; {@code deletable} when it is past repair (its parent is gone). */
    private record Broken(String reason, boolean deletable) {
    }
}
