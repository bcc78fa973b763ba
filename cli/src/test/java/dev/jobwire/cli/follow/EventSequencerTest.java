package dev.jobwire.cli.follow;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.jobwire.cli.FakeTransport;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventSequencerTest {

    private static JsonObject e(long seq) {
        return FakeTransport.event("J1", seq, "progress");
    }

    private static List<Long> seqs(List<JsonObject> events) {
        return events.stream().map(event -> event.get("seq").getAsLong()).toList();
    }

    @Test
    void accept_inOrder_deliversEachAtOnce() {
        EventSequencer sequencer = new EventSequencer(0);
        assertThat(seqs(sequencer.accept(1, e(1)))).containsExactly(1L);
        assertThat(seqs(sequencer.accept(2, e(2)))).containsExactly(2L);
        assertThat(sequencer.lastSeq()).isEqualTo(2);
        assertThat(sequencer.hasHole()).isFalse();
    }

    @Test
    void accept_repeatedOrAlreadyHeldSeq_deliversNothing() {
        EventSequencer sequencer = new EventSequencer(3);
        assertThat(sequencer.accept(2, e(2))).isEmpty();
        assertThat(sequencer.accept(3, e(3))).isEmpty();
        assertThat(seqs(sequencer.accept(4, e(4)))).containsExactly(4L);
        assertThat(sequencer.accept(4, e(4))).isEmpty();
    }

    @Test
    void accept_eventAfterAHole_waitsUntilTheHoleIsFilled() {
        EventSequencer sequencer = new EventSequencer(0);
        sequencer.accept(1, e(1));
        assertThat(sequencer.accept(3, e(3))).isEmpty();
        assertThat(sequencer.accept(3, e(3))).isEmpty();
        assertThat(sequencer.hasHole()).isTrue();
        assertThat(sequencer.lastSeq()).isEqualTo(1);
        assertThat(seqs(sequencer.accept(2, e(2)))).containsExactly(2L, 3L);
        assertThat(sequencer.hasHole()).isFalse();
    }

    @Test
    void skipTo_deliversWaitingEventsBelowItAndWhatFollowsWithoutAHole() {
        EventSequencer sequencer = new EventSequencer(0);
        sequencer.accept(3, e(3));
        sequencer.accept(5, e(5));
        sequencer.accept(6, e(6));
        assertThat(seqs(sequencer.skipTo(4))).containsExactly(3L, 5L, 6L);
        assertThat(sequencer.lastSeq()).isEqualTo(6);
        assertThat(sequencer.hasHole()).isFalse();
    }
}
