package dev.jobwire.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.jobwire.core.model.EventType;
import dev.jobwire.core.model.JobEvent;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.JobStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FramesTest {
    private static final Instant AT = Instant.ofEpochMilli(1_700_000_000_123L);

    @Test
    void event_putsEnvelopeFirstAndKeepsBodyFields() {
        JobEvent event = new JobEvent(JobId.of("J1"), 3, EventType.PROGRESS,
                "{\"percent\":40,\"message\":\"m\",\"seq\":99,\"type\":\"evil\"}", AT, AT.plusSeconds(60));

        JsonObject frame = JsonParser.parseString(Frames.event(event)).getAsJsonObject();

        assertThat(frame.get("type").getAsString()).isEqualTo("progress");
        assertThat(frame.get("jobId").getAsString()).isEqualTo("J1");
        assertThat(frame.get("seq").getAsLong()).isEqualTo(3);
        assertThat(frame.get("at").getAsLong()).isEqualTo(AT.toEpochMilli());
        assertThat(frame.get("percent").getAsInt()).isEqualTo(40);
        assertThat(frame.get("message").getAsString()).isEqualTo("m");
    }

    @Test
    void write_acceptedGapResumedPongError() {
        assertThat(Frames.write(new ServerFrame.Accepted(JobId.of("J"), JobStatus.QUEUED, false, "r")))
                .isEqualTo("{\"type\":\"accepted\",\"jobId\":\"J\",\"status\":\"QUEUED\",\"requestId\":\"r\"}");
        assertThat(Frames.write(new ServerFrame.Gap(JobId.of("J"), 1, 4)))
                .isEqualTo("{\"type\":\"gap\",\"jobId\":\"J\",\"fromSeq\":1,\"toSeq\":4}");
        assertThat(Frames.write(new ServerFrame.Resumed(List.of(new ServerFrame.JobPosition(JobId.of("J"), 7,
                JobStatus.RUNNING, true)), null)))
                .isEqualTo("{\"type\":\"resumed\",\"jobs\":[{\"jobId\":\"J\",\"lastSeq\":7,\"status\":\"RUNNING\","
                        + "\"more\":true}]}");
        assertThat(Frames.write(new ServerFrame.Pong(AT, null))).isEqualTo("{\"type\":\"pong\",\"at\":" + AT.toEpochMilli() + "}");
        assertThat(Frames.write(new ServerFrame.Error(ErrorCode.NOT_FOUND, "no job J", "r", JobId.of("J"))))
                .isEqualTo("{\"type\":\"error\",\"code\":\"not_found\",\"message\":\"no job J\",\"jobId\":\"J\","
                        + "\"requestId\":\"r\"}");
    }
}
