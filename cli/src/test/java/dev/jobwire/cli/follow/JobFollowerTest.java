package dev.jobwire.cli.follow;

import static dev.jobwire.cli.FakeTransport.afterSeq;
import static dev.jobwire.cli.FakeTransport.event;
import static dev.jobwire.cli.FakeTransport.resumed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.jobwire.cli.CliFailure;
import dev.jobwire.cli.ExitCodes;
import dev.jobwire.cli.FakeTransport;
import dev.jobwire.cli.Json;
import dev.jobwire.cli.socket.ConnectFailure;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class JobFollowerTest {
    private static final String JOB = "01JOBJOBJOBJOBJOBJOBJOBJOB";
    private static final ReconnectPolicy FAST = new ReconnectPolicy(Duration.ofSeconds(2), Duration.ofMillis(1),
            Duration.ofMillis(5));

    private final Recorder recorder = new Recorder();

    private static JobFollower follower(FakeTransport transport) {
        return new JobFollower(transport, URI.create("ws://127.0.0.1:1/local"), () -> "t0ken", FAST);
    }

    @Test
    void follow_replaysAfterTheGivenSeqThenFollowsLiveEventsToTheEnd() throws Exception {
        FakeTransport transport = new FakeTransport().then((session, message) -> {
            assertThat(afterSeq(message)).isEqualTo(1);
            session.push(event(JOB, 2, "progress"));
            session.push(resumed(JOB, 2, "RUNNING", message.get("requestId").getAsString()));
            session.push(event("OTHER", 1, "progress"));
            session.push(event(JOB, 3, "progress"));
            session.push(event(JOB, 4, "succeeded"));
        });

        Outcome outcome = follower(transport).follow(null, JOB, 1, recorder);

        assertThat(outcome).isEqualTo(Outcome.SUCCEEDED);
        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(recorder.seqs()).containsExactly(2L, 3L, 4L);
        assertThat(transport.sessions.get(0).closedByClient).isTrue();
    }

    @Test
    @Timeout(20)
    void follow_whenTheJobFallsSilent_resumesAgain_andGetsTheFinalEventWhosePushWasLost() throws Exception {
        int[] resumes = {0};
        FakeTransport transport = new FakeTransport().then((session, message) -> {
            if (!"resume".equals(Json.string(message, "action"))) {
                return;
            }
            resumes[0]++;
            String requestId = message.get("requestId").getAsString();
            if (resumes[0] == 1) {
                session.push(event(JOB, 1, "progress"));
                session.push(resumed(JOB, 1, "RUNNING", requestId));
            } else {
                // The succeeded push ran out of retries; only the event log still has it.
                assertThat(afterSeq(message)).isEqualTo(1);
                session.push(event(JOB, 2, "succeeded"));
                session.push(resumed(JOB, 2, "SUCCEEDED", requestId));
            }
        });
        JobFollower follower = new JobFollower(transport, URI.create("ws://127.0.0.1:1/local"), () -> "t0ken", FAST,
                Duration.ofMillis(50));

        Outcome outcome = follower.follow(null, JOB, 0, recorder);

        assertThat(outcome).isEqualTo(Outcome.SUCCEEDED);
        assertThat(recorder.seqs()).containsExactly(1L, 2L);
        assertThat(resumes[0]).isEqualTo(2);
        assertThat(transport.sessions).hasSize(1);
    }

    @Test
    void follow_afterADroppedConnection_reconnectsResumesFromTheLastSeqAndShowsEachEventOnce() throws Exception {
        FakeTransport transport = new FakeTransport()
                .then((session, message) -> {
                    session.push(event(JOB, 1, "progress"));
                    session.push(resumed(JOB, 1, "RUNNING", "x"));
                    session.push(event(JOB, 2, "progress"));
                    session.push(event(JOB, 3, "progress"));
                    session.drop(1001);
                })
                .then((session, message) -> {
                    // A live repeat overtakes the replay: at-least-once delivery.
                    session.push(event(JOB, 3, "progress"));
                    for (long seq = afterSeq(message) + 1; seq <= 4; seq++) {
                        session.push(event(JOB, seq, "progress"));
                    }
                    session.push(resumed(JOB, 4, "RUNNING", "y"));
                    session.push(event(JOB, 4, "progress"));
                    session.push(event(JOB, 5, "failed"));
                });

        Outcome outcome = follower(transport).follow(null, JOB, 0, recorder);

        assertThat(outcome).isEqualTo(Outcome.FAILED);
        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(recorder.seqs()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(transport.sessions).hasSize(2);
        assertThat(afterSeq(transport.sessions.get(1).sent.get(0))).isEqualTo(3);
        assertThat(recorder.notices).anySatisfy(notice -> assertThat(notice).contains("connection lost"));
    }

    @Test
    void follow_liveEventThatSkipsASeq_resumesFromTheHoleAndKeepsOrder() throws Exception {
        List<Long> resumedFrom = new ArrayList<>();
        FakeTransport transport = new FakeTransport().then((session, message) -> {
            resumedFrom.add(afterSeq(message));
            if (resumedFrom.size() == 1) {
                session.push(resumed(JOB, 0, "RUNNING", "a"));
                session.push(event(JOB, 1, "progress"));
                session.push(event(JOB, 3, "progress"));
            } else {
                session.push(event(JOB, 2, "progress"));
                session.push(event(JOB, 3, "progress"));
                session.push(resumed(JOB, 3, "RUNNING", "b"));
                session.push(event(JOB, 4, "cancelled"));
            }
        });

        Outcome outcome = follower(transport).follow(null, JOB, 0, recorder);

        assertThat(outcome).isEqualTo(Outcome.CANCELLED);
        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.CANCELLED);
        assertThat(resumedFrom).containsExactly(0L, 1L);
        assertThat(recorder.seqs()).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void follow_gapFrame_reportsTheLostSeqsAndGoesOn() throws Exception {
        FakeTransport transport = new FakeTransport().then((session, message) -> {
            JsonObject gap = new JsonObject();
            gap.addProperty("type", "gap");
            gap.addProperty("jobId", JOB);
            gap.addProperty("fromSeq", 1);
            gap.addProperty("toSeq", 2);
            session.push(gap);
            session.push(event(JOB, 3, "succeeded"));
        });

        Outcome outcome = follower(transport).follow(null, JOB, 0, recorder);

        assertThat(outcome).isEqualTo(Outcome.SUCCEEDED);
        assertThat(recorder.lost).containsExactly("1..2");
        assertThat(recorder.seqs()).containsExactly(3L);
    }

    @Test
    void follow_jobWhoseLastEventNeverArrives_endsWithTheStatusOfTheResumedFrame() throws Exception {
        FakeTransport transport = new FakeTransport().then((session, message) -> {
            session.push(event(JOB, 1, "progress"));
            session.pushText("{\"type\":\"error\",\"code\":\"payload_too_large\",\"jobId\":\"" + JOB
                    + "\",\"message\":\"event 2 is too large\"}");
            session.push(resumed(JOB, 2, "SUCCEEDED", "r"));
        });

        Outcome outcome = follower(transport).follow(null, JOB, 0, recorder);

        assertThat(outcome).isEqualTo(Outcome.SUCCEEDED);
        assertThat(recorder.lost).containsExactly("2..2");
    }

    @Test
    void follow_resumedReplyOvertakingItsReplay_asksAgainInsteadOfCallingEventsLost() throws Exception {
        List<Long> resumedFrom = new ArrayList<>();
        FakeTransport transport = new FakeTransport().then((session, message) -> {
            resumedFrom.add(afterSeq(message));
            if (resumedFrom.size() == 1) {
                session.push(resumed(JOB, 2, "RUNNING", "a"));
                session.push(event(JOB, 1, "progress"));
                session.push(event(JOB, 2, "progress"));
            } else {
                session.push(event(JOB, 1, "progress"));
                session.push(event(JOB, 2, "progress"));
                session.push(resumed(JOB, 2, "RUNNING", "b"));
                session.push(event(JOB, 3, "succeeded"));
            }
        });

        Outcome outcome = follower(transport).follow(null, JOB, 0, recorder);

        assertThat(outcome).isEqualTo(Outcome.SUCCEEDED);
        assertThat(recorder.seqs()).containsExactly(1L, 2L, 3L);
        assertThat(recorder.lost).isEmpty();
        assertThat(resumedFrom).hasSize(2);
    }

    @Test
    void follow_unknownJob_failsAsAUsageError() {
        FakeTransport transport = new FakeTransport().then((session, message) -> {
            session.pushText("{\"type\":\"error\",\"code\":\"not_found\",\"jobId\":\"" + JOB
                    + "\",\"message\":\"no such job\"}");
            session.pushText("{\"type\":\"resumed\",\"jobs\":[]}");
        });

        assertThatThrownBy(() -> follower(transport).follow(null, JOB, 0, recorder))
                .isInstanceOfSatisfying(CliFailure.class, failure -> {
                    assertThat(failure.exitCode()).isEqualTo(ExitCodes.USAGE);
                    assertThat(failure.getMessage()).contains("unknown job " + JOB);
                });
    }

    @Test
    void follow_tokenRejectedOnReconnect_failsAsAConnectionErrorAtOnce() {
        FakeTransport transport = new FakeTransport()
                .then((session, message) -> session.drop(1001))
                .thenFail(new ConnectFailure("the server rejected the token (HTTP 401)", true));

        assertThatThrownBy(() -> follower(transport).follow(null, JOB, 0, recorder))
                .isInstanceOfSatisfying(CliFailure.class, failure -> {
                    assertThat(failure.exitCode()).isEqualTo(ExitCodes.CONNECTION);
                    assertThat(failure.getMessage()).contains("rejected the token");
                });
    }

    @Test
    void follow_serverGoneForGood_givesUpAfterThePolicyTime() {
        FakeTransport transport = new FakeTransport().then((session, message) -> session.drop(1006));

        assertThatThrownBy(() -> new JobFollower(transport, URI.create("ws://127.0.0.1:1/local"), () -> "t",
                new ReconnectPolicy(Duration.ofMillis(50), Duration.ofMillis(5), Duration.ofMillis(10)))
                .follow(null, JOB, 0, recorder))
                .isInstanceOfSatisfying(CliFailure.class, failure -> {
                    assertThat(failure.exitCode()).isEqualTo(ExitCodes.CONNECTION);
                    assertThat(failure.getMessage()).contains("could not reconnect");
                });
        assertThat(transport.tokens.size()).isGreaterThan(2);
    }

    @Test
    void follow_firstConnectionRefused_failsAsAConnectionErrorWithoutRetrying() {
        FakeTransport transport = new FakeTransport()
                .thenFail(new ConnectFailure("connection refused by 127.0.0.1:1", false));

        assertThatThrownBy(() -> follower(transport).follow(null, JOB, 0, recorder))
                .isInstanceOfSatisfying(CliFailure.class, failure ->
                        assertThat(failure.exitCode()).isEqualTo(ExitCodes.CONNECTION));
        assertThat(transport.tokens).hasSize(1);
    }

    static final class Recorder implements FollowListener {
        final List<JsonObject> events = new ArrayList<>();
        final List<String> lost = new ArrayList<>();
        final List<String> notices = new ArrayList<>();

        @Override
        public void event(JsonObject event) {
            events.add(event);
        }

        @Override
        public void lost(long fromSeq, long toSeq, String why) {
            lost.add(fromSeq + ".." + toSeq);
        }

        @Override
        public void notice(String message) {
            notices.add(message);
        }

        List<Long> seqs() {
            return events.stream().map(event -> Json.number(event, "seq", -1)).toList();
        }
    }
}
