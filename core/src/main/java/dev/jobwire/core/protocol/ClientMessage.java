package dev.jobwire.core.protocol;

import dev.jobwire.core.model.JobId;
import java.util.List;
import java.util.Objects;

/** Every request a client can send, already validated. Routed on {@code action}. */
public sealed interface ClientMessage {

    /** Echoed in the reply so that clients can match it; may be null. */
    String requestId();

    /** The action name, which is also the API Gateway route key. */
    String action();

    /**
     * {@code submit}: start a job.
     *
     * @param input          a JSON object
     * @param idempotencyKey may be null
     * @param callbackUrl    may be null
     */
    record Submit(String type, String input, String idempotencyKey, String callbackUrl, String requestId)
            implements ClientMessage {
        public Submit {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(input, "input");
        }

        @Override
        public String action() {
            return "submit";
        }
    }

    /** {@code resume}: replay what the client missed, per job, after the seq it already has. */
    record Resume(List<Position> jobs, String requestId) implements ClientMessage {
        public Resume {
            jobs = List.copyOf(jobs);
        }

        @Override
        public String action() {
            return "resume";
        }
    }

    /** The last seq a client holds for one job (0 for none). */
    record Position(JobId jobId, long afterSeq) {
        public Position {
            Objects.requireNonNull(jobId, "jobId");
            if (afterSeq < 0) {
                throw new IllegalArgumentException("afterSeq must be >= 0");
            }
        }
    }

    /** {@code cancel}: stop a job. */
    record Cancel(JobId jobId, String requestId) implements ClientMessage {
        public Cancel {
            Objects.requireNonNull(jobId, "jobId");
        }

        @Override
        public String action() {
            return "cancel";
        }
    }

    /** {@code status}: the job's current state. */
    record Status(JobId jobId, String requestId) implements ClientMessage {
        public Status {
            Objects.requireNonNull(jobId, "jobId");
        }

        @Override
        public String action() {
            return "status";
        }
    }

    /** {@code ping}: keepalive and round-trip check. */
    record Ping(String requestId) implements ClientMessage {
        @Override
        public String action() {
            return "ping";
        }
    }
}
