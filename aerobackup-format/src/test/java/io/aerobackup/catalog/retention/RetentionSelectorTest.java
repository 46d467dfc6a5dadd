package io.aerobackup.catalog.retention;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Policy selection on a synthetic catalog: three chains over two months, with fulls, deltas and
 * cumulative deltas (a cumulative delta's parent is its full).
 */
class RetentionSelectorTest {
    // Week 2026-W02 (Mon 5 Jan): full, two deltas, a cumulative delta.
    static final String F1 = "20260105T010000Z-full-0001";
    static final String D1A = "20260106T010000Z-delta-0002";
    static final String D1B = "20260107T010000Z-delta-0003";
    static final String C1 = "20260107T130000Z-delta-0004";
    // Week 2026-W03 (Mon 12 Jan): full and two deltas, the second on the same day.
    static final String F2 = "20260112T010000Z-full-0005";
    static final String D2A = "20260113T010000Z-delta-0006";
    static final String D2B = "20260113T130000Z-delta-0007";
    // Week 2026-W06 (Mon 2 Feb): full, delta, cumulative delta, delta.
    static final String F3 = "20260202T010000Z-full-0008";
    static final String D3A = "20260203T010000Z-delta-0009";
    static final String C3 = "20260204T010000Z-delta-000a";
    static final String D3B = "20260204T130000Z-delta-000b";

    private final List<Candidate> catalog = new ArrayList<>(List.of(
            full(F1), delta(D1A, F1), delta(D1B, D1A), delta(C1, F1),
            full(F2), delta(D2A, F2), delta(D2B, D2A),
            full(F3), delta(D3A, F3), delta(C3, F3), delta(D3B, D3A)));
    private final Map<String, String> unreadable = new HashMap<>();
    private final Set<String> incomplete = new HashSet<>();

    @Test
    void keepLastKeepsTheNewestAndTheirWholeChains() {
        RetentionPlan plan = select(policy(2, 0, 0, 0, null));
        assertThat(ids(plan.kept())).containsExactly(D3B, C3, D3A, F3);
        assertThat(reasons(plan, D3B)).containsExactly("last");
        assertThat(reasons(plan, C3)).containsExactly("last");
        assertThat(reasons(plan, D3A)).containsExactly("needed by " + D3B);
        assertThat(reasons(plan, F3)).containsExactly("needed by " + D3B);
        assertThat(ids(plan.deleted())).containsExactlyInAnyOrder(D2B, D2A, F2, C1, D1B, D1A, F1);
        assertThat(plan.deleted()).allSatisfy(d -> assertThat(d.reasons()).containsExactly("no policy keeps it"));
        assertThat(plan.leftAlone()).isEmpty();
        assertChainsIntactAndChildrenDeletedFirst(plan);
    }

    @Test
    void keepDailyKeepsTheNewestBackupOfEachOfTheLastDaysThatHaveBackups() {
        RetentionPlan three = select(policy(0, 3, 0, 0, null));
        assertThat(ids(three.kept())).containsExactly(D3B, D3A, F3);
        assertThat(reasons(three, D3B)).containsExactly("daily 2026-02-04");
        assertThat(reasons(three, D3A)).containsExactly("daily 2026-02-03", "needed by " + D3B);
        assertThat(reasons(three, F3)).containsExactly("daily 2026-02-02", "needed by " + D3B);
        assertThat(ids(three.deleted())).contains(C3); // same day as D3B, older

        // Days without backups (5 Feb to 12 Jan) do not count.
        RetentionPlan five = select(policy(0, 5, 0, 0, null));
        assertThat(ids(five.kept())).containsExactly(D3B, D3A, F3, D2B, D2A, F2);
        assertThat(reasons(five, D2B)).containsExactly("daily 2026-01-13");
        assertThat(reasons(five, D2A)).containsExactly("needed by " + D2B);
        assertChainsIntactAndChildrenDeletedFirst(five);
    }

    @Test
    void keepWeeklyUsesIsoWeeksAndSkipsWeeksWithoutBackups() {
        RetentionPlan plan = select(policy(0, 0, 2, 0, null));
        assertThat(ids(plan.kept())).containsExactly(D3B, D3A, F3, D2B, D2A, F2);
        assertThat(reasons(plan, D3B)).containsExactly("weekly 2026-W06");
        assertThat(reasons(plan, D2B)).containsExactly("weekly 2026-W03");
        assertThat(ids(select(policy(0, 0, 3, 0, null)).kept())).contains(C1, F1).doesNotContain(D1B, D1A);
    }

    @Test
    void keepMonthlyKeepsTheNewestOfEachMonth() {
        RetentionPlan plan = select(policy(0, 0, 0, 2, null));
        assertThat(ids(plan.kept())).containsExactly(D3B, D3A, F3, D2B, D2A, F2);
        assertThat(reasons(plan, D3B)).containsExactly("monthly 2026-02");
        assertThat(reasons(plan, D2B)).containsExactly("monthly 2026-01");
        assertThat(ids(select(policy(0, 0, 0, 12, null)).kept())).isEqualTo(ids(plan.kept()));
        assertThat(ids(select(policy(0, 0, 0, 1, null)).kept())).containsExactly(D3B, D3A, F3);
    }

    @Test
    void keepWithinIsMeasuredFromTheNewestBackup() {
        RetentionPlan day = select(policy(0, 0, 0, 0, Duration.ofDays(1)));
        assertThat(ids(day.kept())).containsExactly(D3B, C3, D3A, F3);
        assertThat(reasons(day, C3)).containsExactly("within 1d of the newest");
        assertThat(reasons(day, D3A)).containsExactly("needed by " + D3B);
        RetentionPlan twoDays = select(policy(0, 0, 0, 0, Duration.ofDays(2)));
        assertThat(reasons(twoDays, D3A)).containsExactly("within 2d of the newest", "needed by " + D3B);
        assertThat(reasons(twoDays, F3)).containsExactly("needed by " + D3B);
        // The boundary is inclusive: exactly 2 days and 12 hours before D3B is F3's time.
        assertThat(reasons(select(policy(0, 0, 0, 0, Duration.ofHours(60))), F3))
                .contains("within 2d12h of the newest");
    }

    @Test
    void policiesCombineAndABackupKeepsEveryReason() {
        RetentionPlan plan = select(policy(1, 0, 3, 0, null));
        assertThat(ids(plan.kept())).containsExactly(D3B, D3A, F3, D2B, D2A, F2, C1, F1);
        assertThat(reasons(plan, D3B)).containsExactly("last", "weekly 2026-W06");
        assertThat(reasons(plan, C1)).containsExactly("weekly 2026-W02");
        assertThat(reasons(plan, F1)).containsExactly("needed by " + C1); // the cumulative delta needs only its full
        assertThat(ids(plan.deleted())).containsExactlyInAnyOrder(C3, D1B, D1A);
        assertChainsIntactAndChildrenDeletedFirst(plan);
    }

    @Test
    void deletionsGoChildrenFirst() {
        List<String> order = ids(select(policy(1, 0, 0, 0, null)).deleted());
        assertThat(order).containsExactly(D2B, D1B, C3, D2A, C1, D1A, F2, F1);
    }

    @Test
    void aDeltaIsNeverDatedBeforeItsParent() {
        // A delta's covered time (its start less the clock-skew margin) may fall before its full's finish.
        String full = "20260301T235000Z-full-0100";
        String delta = "20260301T235900Z-delta-0101";
        catalog.add(new Candidate(full, "full", null, at("2026-03-02T00:00:30Z"), at("2026-03-02T00:00:30Z"), 1));
        catalog.add(new Candidate(delta, "delta", full, at("2026-03-01T23:59:50Z"), at("2026-03-02T00:01:00Z"), 1));
        RetentionPlan plan = select(policy(0, 1, 0, 0, null));
        assertThat(reasons(plan, delta)).containsExactly("daily 2026-03-02");
        assertThat(plan.kept().get(0).pointInTime()).isEqualTo(at("2026-03-02T00:00:30Z"));
        assertThat(reasons(plan, full)).containsExactly("needed by " + delta);
    }

    @Test
    void theBackupThatFinishedLastAndTheNewestFullAreAlwaysKept() {
        // A full that finished after the newest point in time: the next incremental builds on it.
        String late = "20260204T120000Z-full-0200";
        catalog.add(new Candidate(late, "full", null, at("2026-02-04T12:30:00Z"), at("2026-02-04T14:00:00Z"), 1));
        RetentionPlan plan = select(policy(1, 0, 0, 0, null));
        assertThat(reasons(plan, D3B)).containsExactly("last");
        assertThat(reasons(plan, late)).containsExactly("finished last: the next incremental builds on it");
        catalog.removeIf(c -> c.backupId().equals(late));
        catalog.add(new Candidate(late, "full", null, at("2026-02-04T12:30:00Z"), at("2026-02-04T12:30:00Z"), 1));
        assertThat(reasons(select(policy(1, 0, 0, 0, null)), late))
                .containsExactly("newest full: the next cumulative delta builds on it");
    }

    @Test
    void deltasWhoseParentIsGoneAreDeletedAndUnreadableChainsAreLeftAlone() {
        String orphan = "20260120T010000Z-delta-0300";
        String orphanChild = "20260121T010000Z-delta-0301";
        String ofIncomplete = "20260122T010000Z-delta-0302";
        String ofUnreadable = "20260123T010000Z-delta-0303";
        catalog.add(delta(orphan, "20260119T010000Z-full-dead"));
        catalog.add(delta(orphanChild, orphan));
        catalog.add(delta(ofIncomplete, "20260121T120000Z-full-0304"));
        incomplete.add("20260121T120000Z-full-0304");
        catalog.add(delta(ofUnreadable, "20260122T120000Z-full-0305"));
        unreadable.put("20260122T120000Z-full-0305", "manifest has format version 2");

        RetentionPlan plan = select(policy(0, 0, 0, 0, Duration.ofDays(365)));
        assertThat(ids(plan.kept())).hasSize(11).doesNotContain(orphan, orphanChild, ofIncomplete, ofUnreadable);
        assertThat(ids(plan.deleted())).containsExactly(orphanChild, ofIncomplete, orphan);
        assertThat(reasons(plan, orphan)).containsExactly("cannot be restored: delta " + orphan
                + " names parent 20260119T010000Z-full-dead, which is missing");
        assertThat(reasons(plan, orphanChild)).isEqualTo(reasons(plan, orphan));
        assertThat(reasons(plan, ofIncomplete).get(0)).endsWith("which is incomplete");
        assertThat(ids(plan.leftAlone())).containsExactlyInAnyOrder(ofUnreadable, "20260122T120000Z-full-0305");
        assertThat(reasons(plan, ofUnreadable).get(0)).contains("whose manifest cannot be read; not touched");
    }

    @Test
    void loopsAndUnknownKindsAreLeftAlone() {
        catalog.add(delta("20260301T000000Z-delta-0400", "20260302T000000Z-delta-0401"));
        catalog.add(delta("20260302T000000Z-delta-0401", "20260301T000000Z-delta-0400"));
        catalog.add(new Candidate("20260303T000000Z-snap-0402", "snapshot", null, at("2026-03-03T00:00:00Z"),
                at("2026-03-03T00:00:00Z"), 1));
        RetentionPlan plan = select(policy(1, 0, 0, 0, null));
        assertThat(ids(plan.leftAlone())).containsExactlyInAnyOrder("20260301T000000Z-delta-0400",
                "20260302T000000Z-delta-0401", "20260303T000000Z-snap-0402");
        assertThat(reasons(plan, "20260301T000000Z-delta-0400").get(0)).contains("loops");
        assertThat(reasons(plan, "20260303T000000Z-snap-0402").get(0)).contains("kind 'snapshot'");
        assertThat(ids(plan.kept())).containsExactly(D3B, D3A, F3);
    }

    @Test
    void anEmptyPolicyIsRefused() {
        assertThatThrownBy(() -> select(policy(0, 0, 0, 0, null))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy(-1, 0, 0, 0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(policy(3, 7, 0, 0, Duration.ofDays(14)).describe())
                .isEqualTo("keep-last 3, keep-daily 7, keep-within 2w");
    }

    @Test
    void durationsParseAndFormat() {
        assertThat(Durations.parse("--keep-within", "7d")).isEqualTo(Duration.ofDays(7));
        assertThat(Durations.parse("--keep-within", "12h")).isEqualTo(Duration.ofHours(12));
        assertThat(Durations.parse("--keep-within", "2w")).isEqualTo(Duration.ofDays(14));
        assertThat(Durations.parse("--keep-within", "1d12h30m")).isEqualTo(Duration.ofMinutes(36 * 60 + 30));
        assertThat(Durations.format(Duration.ofHours(36))).isEqualTo("1d12h");
        assertThat(Durations.format(Duration.ofHours(24))).isEqualTo("1d");
        assertThat(Durations.formatAge(Duration.ofSeconds(3 * 86400 + 4 * 3600 + 59))).isEqualTo("3d4h");
        for (String bad : new String[] {"7", "d", "7x", "-1d", "7 days", ""}) {
            assertThatThrownBy(() -> Durations.parse("--keep-within", bad)).as(bad)
                    .hasMessageStartingWith("--keep-within '" + bad + "' is not a duration");
        }
    }

    /** No kept backup misses a chain member; every deleted delta comes before its deleted parent. */
    private void assertChainsIntactAndChildrenDeletedFirst(RetentionPlan plan) {
        Map<String, Candidate> byId = new HashMap<>();
        catalog.forEach(c -> byId.put(c.backupId(), c));
        List<String> kept = ids(plan.kept());
        for (String id : kept) {
            for (Candidate c = byId.get(id); c.parentId() != null; c = byId.get(c.parentId())) {
                assertThat(kept).as("chain of " + id).contains(c.parentId());
            }
        }
        List<String> deleted = ids(plan.deleted());
        for (String id : deleted) {
            String parent = byId.get(id).parentId();
            if (parent != null && deleted.contains(parent)) {
                assertThat(deleted.indexOf(id)).as(id + " before " + parent).isLessThan(deleted.indexOf(parent));
            }
        }
        assertThat(kept.size() + deleted.size()).isEqualTo(catalog.size());
    }

    private RetentionPlan select(RetentionPolicy policy) {
        return RetentionSelector.select(catalog, unreadable, incomplete, policy);
    }

    private static RetentionPolicy policy(int last, int daily, int weekly, int monthly, Duration within) {
        return new RetentionPolicy(last, daily, weekly, monthly, within);
    }

    private static List<String> ids(List<Decision> decisions) {
        return decisions.stream().map(Decision::backupId).toList();
    }

    private static List<String> reasons(RetentionPlan plan, String id) {
        List<Decision> all = new ArrayList<>(plan.kept());
        all.addAll(plan.deleted());
        all.addAll(plan.leftAlone());
        return all.stream().filter(d -> d.backupId().equals(id)).findFirst().orElseThrow().reasons();
    }

    private static Candidate full(String id) {
        Instant t = timeOf(id);
        return new Candidate(id, "full", null, t, t, 100);
    }

    private static Candidate delta(String id, String parent) {
        Instant t = timeOf(id);
        return new Candidate(id, "delta", parent, t, t.plusSeconds(300), 10);
    }

    private static Instant timeOf(String id) {
        return io.aerobackup.catalog.BackupIds.startTime(id).orElseThrow();
    }

    private static Instant at(String time) {
        return Instant.parse(time);
    }
}
