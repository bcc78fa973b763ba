package dev.jobwire.test.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobwire.bench.DeliveryLedger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bench's accounting finds every kind of delivery fault it reports, per connection. */
class DeliveryLedgerTest {
    private static final long AT = 1_800_000_000_000L;

    private static DeliveryLedger.Counts counts(DeliveryLedger ledger, int seqs, List<Integer> connections) {
        return ledger.counts(Set.of("job-1"), jobId -> seqs, Map.of("job-1", connections));
    }

    @Test
    void everySeqOnceInOrder_atEveryConnection_countsNoFault() {
        DeliveryLedger ledger = new DeliveryLedger();
        for (int connection = 0; connection < 2; connection++) {
            for (int seq = 1; seq <= 3; seq++) {
                ledger.record(connection, "job-1", seq, AT, AT * 1000 + 2_000);
            }
        }

        DeliveryLedger.Counts counts = counts(ledger, 3, List.of(0, 1));

        assertThat(counts.expected()).isEqualTo(6);
        assertThat(counts.received()).isEqualTo(6);
        assertThat(counts.lost() + counts.duplicates() + counts.outOfOrder()).isZero();
        assertThat(counts.latency().p50()).isEqualTo(2.0);
    }

    @Test
    void seqMissingAtOneConnection_countsLostThere() {
        DeliveryLedger ledger = new DeliveryLedger();
        ledger.record(0, "job-1", 1, AT, AT * 1000);
        ledger.record(0, "job-1", 2, AT, AT * 1000);
        ledger.record(1, "job-1", 1, AT, AT * 1000);

        DeliveryLedger.Counts counts = counts(ledger, 2, List.of(0, 1, 2));

        assertThat(counts.lost()).as("seq 2 at connection 1, both at connection 2").isEqualTo(3);
        assertThat(counts.received()).isEqualTo(3);
    }

    @Test
    void sameSeqTwiceAtOneConnection_countsOneDuplicate_andItsLatencyOnce() {
        DeliveryLedger ledger = new DeliveryLedger();
        ledger.record(0, "job-1", 1, AT, AT * 1000);
        ledger.record(0, "job-1", 1, AT, AT * 1000);
        ledger.record(1, "job-1", 1, AT, AT * 1000);

        DeliveryLedger.Counts counts = counts(ledger, 1, List.of(0, 1));

        assertThat(counts.duplicates()).isEqualTo(1);
        assertThat(counts.lost()).isZero();
        assertThat(counts.latency().count()).isEqualTo(2);
    }

    @Test
    void lowerSeqAfterHigher_countsOutOfOrder() {
        DeliveryLedger ledger = new DeliveryLedger();
        ledger.record(0, "job-1", 2, AT, AT * 1000);
        ledger.record(0, "job-1", 1, AT, AT * 1000);
        ledger.record(0, "job-1", 3, AT, AT * 1000);

        DeliveryLedger.Counts counts = counts(ledger, 3, List.of(0));

        assertThat(counts.outOfOrder()).isEqualTo(1);
        assertThat(counts.lost() + counts.duplicates()).isZero();
    }
}
