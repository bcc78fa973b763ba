package dev.jobwire.core.port;

import com.google.gson.JsonObject;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.JsonText;
import java.time.Duration;
import java.util.Objects;

/**
 * Carries webhook delivery attempts to the webhook function. At-least-once and unordered, like
 * {@link JobQueue}: the deliverer dedups with {@link WebhookDeliveryStore}.
 */
public interface WebhookQueue {

    /** The longest delay {@link #send} accepts: SQS's DelaySeconds limit. */
    Duration MAX_DELAY = Duration.ofMinutes(15);

    /**
     * Enqueues the attempt durably before returning, to be delivered no earlier than
     * {@code delay} from now (rounded up to whole seconds).
     *
     * @throws QueueException if the queue did not accept the message
     */
    void send(Attempt attempt, Duration delay);

    /**
     * One delivery attempt of a job's terminal event.
     *
     * @param seq     the seq of the terminal event to deliver
     * @param attempt 1 for the first try
     */
    record Attempt(JobId jobId, long seq, int attempt) {
        public Attempt {
            Objects.requireNonNull(jobId, "jobId");
            if (seq < 1) {
                throw new IllegalArgumentException("seq must be >= 1");
            }
            if (attempt < 1) {
                throw new IllegalArgumentException("attempt must be >= 1");
            }
        }

        /** The queue message body: {@code {"jobId","seq","attempt"}}. */
        public String encode() {
            JsonObject json = new JsonObject();
            json.addProperty("jobId", jobId.value());
            json.addProperty("seq", seq);
            json.addProperty("attempt", attempt);
            return json.toString();
        }

        /** @throws IllegalArgumentException for a foreign or damaged body */
        public static Attempt decode(String body) {
            try {
                JsonObject json = JsonText.parseObject(body);
                return new Attempt(JobId.of(json.get("jobId").getAsString()), json.get("seq").getAsLong(),
                        json.get("attempt").getAsInt());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a webhook attempt: " + e.getMessage(), e);
            }
        }
    }
}
