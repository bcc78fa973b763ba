package dev.jobwire.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderedBatchTest {
    record Msg(String id, String group, boolean ok) {
    }

    @Test
    void process_afterAFailure_retriesTheRestOfThatGroupUnprocessed() {
        List<String> processed = new ArrayList<>();
        List<Msg> batch = List.of(new Msg("1", "a", true), new Msg("2", "a", false), new Msg("3", "b", true),
                new Msg("4", "a", true), new Msg("5", "b", true));

        List<String> failed = OrderedBatch.process(batch, Msg::id, Msg::group, m -> {
            processed.add(m.id());
            return m.ok();
        });

        assertThat(failed).containsExactly("2", "4");
        assertThat(processed).containsExactly("1", "2", "3", "5");
    }

    @Test
    void process_withoutGroups_handlesEachOnItsOwnAndCountsExceptionsAsFailures() {
        List<Msg> batch = List.of(new Msg("1", null, false), new Msg("2", null, true), new Msg("3", null, true));

        List<String> failed = OrderedBatch.process(batch, Msg::id, Msg::group, m -> {
            if (m.id().equals("3")) {
                throw new IllegalStateException("boom");
            }
            return m.ok();
        });

        assertThat(failed).containsExactly("1", "3");
    }
}
