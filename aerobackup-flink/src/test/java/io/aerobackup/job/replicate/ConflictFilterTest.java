package io.aerobackup.job.replicate;

import com.aerospike.client.exp.Exp;
import com.aerospike.client.exp.Expression;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The conflict rule's filter expressions, term by term (the servers' side: LastUpdateFilterITCase). */
class ConflictFilterTest {
    private static final long MS = 1_000_000L;

    @Test
    void aFullRoundWithoutSpansMatchesOnlyItsOwnWrites() {
        Expression filter = ConflictFilter.firstAttempt(null, null, List.of(), 5_000L);
        assertThat(filter).isEqualTo(Exp.build(Exp.ge(Exp.lastUpdate(), Exp.val(5_000 * MS))));
    }

    @Test
    void aDeltaMatchesRecordsOlderThanItsWindowItsOwnLastWriteExactlyOrInsideAFallbackSpan() {
        Expression filter = ConflictFilter.firstAttempt(1_000L, 1_234_567_890L,
                List.of(new ApplySpan(1, 100, 200), new ApplySpan(2, 1_500, 1_700)), null);
        Expression expected = Exp.build(Exp.or(
                Exp.lt(Exp.lastUpdate(), Exp.val(1_000 * MS)),
                Exp.eq(Exp.lastUpdate(), Exp.val(1_234_567_890L)),
                Exp.and(Exp.ge(Exp.lastUpdate(), Exp.val(100 * MS)), Exp.lt(Exp.lastUpdate(), Exp.val(201 * MS))),
                Exp.and(Exp.ge(Exp.lastUpdate(), Exp.val(1_500 * MS)),
                        Exp.lt(Exp.lastUpdate(), Exp.val(1_701 * MS)))));
        assertThat(filter).isEqualTo(expected);
        // The bytes the destination receives (base64, as asadm shows a filter): frozen.
        assertThat(filter.getBase64()).isEqualTo(expected.getBase64());
    }

    @Test
    void aDeltaNeverMatchesSinceItStartedAndWithNothingKnownResolvesEverythingExactly() {
        assertThat(ConflictFilter.firstAttempt(1_000L, null, List.of(), null))
                .isEqualTo(Exp.build(Exp.lt(Exp.lastUpdate(), Exp.val(1_000 * MS))));
        assertThat(ConflictFilter.firstAttempt(null, null, List.of(), null)).isEqualTo(ConflictFilter.NEVER)
                .isEqualTo(Exp.build(Exp.lt(Exp.lastUpdate(), Exp.val(0L))));
    }

    @Test
    void theExactResolutionWritesOnlyOverOlderRecords() {
        assertThat(ConflictFilter.olderThan(123_456_789L))
                .isEqualTo(Exp.build(Exp.lt(Exp.lastUpdate(), Exp.val(123_456_789L))));
    }

    @Test
    void spansAreInclusiveToTheMillisecond() {
        ApplySpan span = new ApplySpan(3, 10, 10);
        assertThat(ConflictFilter.firstAttempt(null, null, List.of(span), 20L)).isEqualTo(Exp.build(Exp.or(
                Exp.and(Exp.ge(Exp.lastUpdate(), Exp.val(10 * MS)), Exp.lt(Exp.lastUpdate(), Exp.val(11 * MS))),
                Exp.ge(Exp.lastUpdate(), Exp.val(20 * MS)))));
    }
}
