package io.aerobackup.estimate;

import io.aerobackup.estimate.Advice.Strategy;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The advice rules as a pure function of the figures. All scenarios use 100 bytes of bin data and 50
 * bytes of file per record, B = 50,000 records/s for a backup and 25,000 for a restore, 10 s per run.
 */
class StrategyAdvisorTest {
    private static final long MILLION = 1_000_000L;
    private static final long BILLION = 1_000_000_000L;

    private static Figures figures(long records, double changePercentPerDay) {
        return new Figures(records, 100, 50, 50_000, 25_000, changePercentPerDay / 100, -1, Duration.ofSeconds(10));
    }

    private static Goals goals(String rpo, String rto, Long maxStorage, String retention) {
        return new Goals(d(rpo), d(rto), maxStorage, d(retention));
    }

    private static Duration d(String text) {
        return text == null ? null : io.aerobackup.catalog.retention.Durations.parse("test", text);
    }

    @Test
    void theRpoCoversTheIntervalPlusTheBackup() {
        // a daily full of 30 s would lose up to 1d30s: a 1d RPO gets fulls every 12 h
        Advice advice = StrategyAdvisor.advise(figures(MILLION, 5), goals("1d", null, null, null));
        assertThat(advice.strategy()).isEqualTo(Strategy.FULL_ONLY);
        assertThat(advice.fullCron()).isEqualTo("0 */12 * * *");
    }

    @Test
    void fullOnlyWhenAFullFitsInHalfTheRpo() {
        Advice advice = StrategyAdvisor.advise(figures(MILLION, 5), goals("25h", null, null, null));
        assertThat(advice.strategy()).isEqualTo(Strategy.FULL_ONLY);
        assertThat(advice.fullCron()).isEqualTo("0 2 * * *");
        assertThat(advice.incrementalEvery()).isNull();
        assertThat(advice.unmet()).isEmpty();
        assertThat(advice.reasons()).anyMatch(r -> r.contains("so fulls alone meet the RPO"));
    }

    @Test
    void incrementalsWhenAFullIsTooLongForTheRpoButAnIncrementalFits() {
        Advice advice = StrategyAdvisor.advise(figures(BILLION, 1), goals("70m", null, null, null));
        assertThat(advice.strategy()).isEqualTo(Strategy.INCREMENTAL);
        assertThat(advice.incrementalEvery()).isEqualTo(Duration.ofHours(1));
        assertThat(advice.fullCron()).isEqualTo("0 2 * * 0"); // weekly: a week's changes are 7 %, below the trigger
        assertThat(advice.changeTriggerPercent()).isEqualTo(StrategyAdvisor.DEFAULT_CHANGE_TRIGGER);
        assertThat(advice.unmet()).isEmpty();
        assertThat(advice.reasons()).anyMatch(r -> r.contains("no schedule of fulls keeps the interval plus a backup within the RPO 1h10m"));
    }

    @Test
    void cumulativeIncrementalsWhenPlainChainsWouldGrowTooLong() {
        Advice advice = StrategyAdvisor.advise(figures(BILLION, 0.1), goals("16m", null, null, null));
        assertThat(advice.strategy()).isEqualTo(Strategy.CUMULATIVE);
        assertThat(advice.incrementalEvery()).isEqualTo(Duration.ofMinutes(15));
        assertThat(advice.reasons()).anyMatch(r -> r.contains("671 deltas per full"));
        assertThat(advice.unmet()).isEmpty();
    }

    @Test
    void changeFeedWhenTheRpoIsTooShortForScheduledJobs() {
        Advice advice = StrategyAdvisor.advise(figures(BILLION, 1), goals("5m", null, null, null));
        assertThat(advice.strategy()).isEqualTo(Strategy.CHANGE_FEED);
        assertThat(advice.incrementalEvery()).isEqualTo(Duration.ofSeconds(150));
        assertThat(advice.unmet()).isEmpty();
    }

    @Test
    void changeFeedWhenAScheduledIncrementalDoesNotFitInHalfTheRpo() {
        Advice advice = StrategyAdvisor.advise(figures(BILLION, 300), goals("1h", null, null, null));
        assertThat(advice.strategy()).isEqualTo(Strategy.CHANGE_FEED);
        assertThat(advice.reasons()).anyMatch(r -> r.startsWith("no schedule of incrementals fits"));
        assertThat(advice.fullCron()).isEqualTo("0 2 * * *"); // busy: a week's changes pass the trigger, fulls daily
        assertThat(advice.unmet()).isEmpty();
    }

    @Test
    void aTightRtoMakesFullsMoreFrequentAndLowersTheChangeTrigger() {
        // a full restore takes 40,010 s; the weekly chain 41,418 s; the daily one 40,204 s
        Advice advice = StrategyAdvisor.advise(figures(BILLION, 1), new Goals(Duration.ofMinutes(70),
                Duration.ofSeconds(40_500), null, null));
        assertThat(advice.strategy()).isEqualTo(Strategy.INCREMENTAL);
        assertThat(advice.fullCron()).isEqualTo("0 2 * * *");
        assertThat(advice.changeTriggerPercent()).isEqualTo(2); // 490 s of spare restore time read 24.5 M rows
        assertThat(advice.unmet()).isEmpty();
    }

    @Test
    void anRtoBelowTheRestoreOfAFullIsNamed() {
        Advice advice = StrategyAdvisor.advise(figures(BILLION, 1), goals("1h", "1h", null, null));
        assertThat(advice.unmet()).anyMatch(u -> u.startsWith("RTO 1h is below the estimated restore time of a full backup, 11h6m"));
    }

    @Test
    void anRtoBelowTheShortestChainIsNamed() {
        Advice advice = StrategyAdvisor.advise(figures(BILLION, 1), new Goals(Duration.ofMinutes(70),
                Duration.ofSeconds(40_100), null, null));
        assertThat(advice.unmet()).singleElement().asString()
                .contains("is below the restore time of the longest chain").contains("a full every 1d");
    }

    @Test
    void anRpoBelowWhatTheChangeFeedAchievesIsNamed() {
        Advice advice = StrategyAdvisor.advise(figures(BILLION, 1000), goals("20s", null, null, null));
        assertThat(advice.strategy()).isEqualTo(Strategy.CHANGE_FEED);
        assertThat(advice.unmet()).anyMatch(u -> u.startsWith("RPO 20s is below what the change feed achieves"));
    }

    @Test
    void limitedStorageTurnsFullOnlyIntoIncrementals() {
        // fulls of 50 MB: a week of daily fulls keeps 8 (400 MB); weekly fulls plus deltas about 104 MB
        Advice advice = StrategyAdvisor.advise(figures(MILLION, 1), goals("25h", null, 200 * MILLION, "7d"));
        assertThat(advice.strategy()).isEqualTo(Strategy.INCREMENTAL);
        assertThat(advice.reasons()).anyMatch(r -> r.startsWith("full only (every 1d) would keep"));
        assertThat(advice.storageBytes()).isLessThanOrEqualTo(200 * MILLION);
        assertThat(advice.unmet()).isEmpty();
    }

    @Test
    void storageBelowWhatTheRetentionNeedsIsNamed() {
        Advice advice = StrategyAdvisor.advise(figures(MILLION, 1), goals("25h", null, 60 * MILLION, "7d"));
        assertThat(advice.unmet()).anyMatch(u -> u.startsWith("--max-storage 57.2 MiB is below what a retention of 1w needs"));
    }

    @Test
    void aFullLongerThanAnyScheduleIsNamed() {
        Advice advice = StrategyAdvisor.advise(figures(1000 * BILLION, 0.01), goals("1d", null, null, null));
        assertThat(advice.unmet()).anyMatch(u -> u.startsWith("a full backup takes") && u.contains("more than half"));
    }

    @Test
    void theUsedSpaceTriggerStaysAheadOfTheCurrentUsage() {
        assertThat(StrategyAdvisor.usedSpaceTrigger(-1)).isEqualTo(80);
        assertThat(StrategyAdvisor.usedSpaceTrigger(40)).isEqualTo(80);
        assertThat(StrategyAdvisor.usedSpaceTrigger(85)).isEqualTo(90);
        assertThat(StrategyAdvisor.usedSpaceTrigger(99)).isEqualTo(95);
    }
}
