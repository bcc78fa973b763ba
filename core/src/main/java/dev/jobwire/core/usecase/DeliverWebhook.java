package dev.jobwire.core.usecase;

import dev.jobwire.core.model.Job;
import dev.jobwire.core.model.JobEvent;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.JobEventLog;
import dev.jobwire.core.port.JobStore;
import dev.jobwire.core.port.QueueException;
import dev.jobwire.core.port.WebhookDeliveryStore;
import dev.jobwire.core.port.WebhookQueue;
import dev.jobwire.core.port.WebhookSender;
import dev.jobwire.core.protocol.Frames;
import dev.jobwire.core.webhook.CallbackUrlPolicy;
import dev.jobwire.core.webhook.WebhookDelivery;
import dev.jobwire.core.webhook.WebhookSignature;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

/**
 * Runs one webhook attempt: POSTs a job's terminal event to its {@code callbackUrl}, signed, and
 * records the outcome where {@code GET /jobs/{id}} shows it. The webhook function's use case.
 *
 * <p>Each attempt is claimed with a compare-and-set on the delivery record before anything is
 * sent, so a duplicated or late queue message never sends twice: a receiver gets one POST per
 * attempt, and none after one succeeded. A failed attempt (no response, or any status but 2xx)
 * queues the next with exponential backoff until {@link Settings#maxAttempts()}; then the record
 * ends FAILED for good. The URL is checked again before every attempt (its name may resolve
 * elsewhere by then) and the connection goes to the address that was checked.
 */
public final class DeliverWebhook {
    private static final Logger LOG = Logger.getLogger(DeliverWebhook.class.getName());
    private static final Duration MAX_DELAY = WebhookQueue.MAX_DELAY;

    private final JobStore jobs;
    private final JobEventLog events;
    private final WebhookDeliveryStore deliveries;
    private final WebhookQueue queue;
    private final WebhookSender sender;
    private final CallbackUrlPolicy urls;
    private final WebhookSignature signature;
    private final Settings settings;
    private final Clock clock;

    /**
     * How deliveries retry.
     *
     * @param maxAttempts     attempts before a delivery ends FAILED
     * @param firstRetryDelay the wait after the first failure; each later one waits twice as long,
     *                        up to 15 minutes, less up to 20% at random
     * @param lease           how long a started attempt may go without an outcome before it counts
     *                        as failed (its function died); longer than the function's timeout
     */
    public record Settings(int maxAttempts, Duration firstRetryDelay, Duration lease) {
        public Settings {
            Objects.requireNonNull(firstRetryDelay, "firstRetryDelay");
            Objects.requireNonNull(lease, "lease");
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be >= 1");
            }
            if (firstRetryDelay.isNegative() || firstRetryDelay.compareTo(MAX_DELAY) > 0) {
                throw new IllegalArgumentException("firstRetryDelay must be within 0..15 minutes");
            }
        }

        public static Settings defaults() {
            return new Settings(8, Duration.ofSeconds(10), Duration.ofSeconds(90));
        }

        Duration retryDelay(int failedAttempt, double jitter) {
            long exponential = firstRetryDelay.toMillis() << Math.min(20, Math.max(0, failedAttempt - 1));
            long capped = Math.min(MAX_DELAY.toMillis(), exponential);
            return Duration.ofMillis(Math.round(capped * (1 - 0.2 * jitter)));
        }
    }

    public DeliverWebhook(JobStore jobs, JobEventLog events, WebhookDeliveryStore deliveries, WebhookQueue queue,
                          WebhookSender sender, CallbackUrlPolicy urls, WebhookSignature signature,
                          Settings settings, Clock clock) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.events = Objects.requireNonNull(events, "events");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.urls = Objects.requireNonNull(urls, "urls");
        this.signature = Objects.requireNonNull(signature, "signature");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What the queue should do with the message. */
    public enum Outcome {
        /** Done with this message (delivered, given up, stale, or the next attempt is queued). */
        DONE,
        /** Return the message to the queue: an attempt may still be running, or queueing failed. */
        RETRY
    }

    /** The {@code Jobwire-Event-Id} of a job's terminal event: {@code <jobId>.<seq>}. */
    public static String eventId(JobId jobId, long seq) {
        return jobId.value() + "." + seq;
    }

    public Outcome deliver(WebhookQueue.Attempt attempt) {
        Optional<Job> found = jobs.get(attempt.jobId());
        if (found.isEmpty() || found.get().callbackUrl() == null) {
            LOG.warning(() -> "webhook for job " + attempt.jobId() + ": no such job or no callbackUrl; dropped");
            return Outcome.DONE;
        }
        Job job = found.get();
        Optional<WebhookDelivery> current = deliveries.get(job.jobId());
        Instant now = clock.now();
        WebhookDelivery started;
        if (current.isPresent()) {
            WebhookDelivery record = current.get();
            if (record.status().isFinal() || record.attempts() > attempt.attempt()) {
                return Outcome.DONE;
            }
            if (record.attempts() == attempt.attempt()) {
                return resumeAfter(record, now);
            }
            if (record.attempts() < attempt.attempt() - 1) {
                LOG.warning(() -> "webhook for job " + attempt.jobId() + ": attempt " + attempt.attempt()
                        + " arrived after only " + record.attempts() + "; dropped");
                return Outcome.DONE;
            }
            if (!record.attemptEnded()) {
                return Outcome.RETRY;
            }
            started = record.startAttempt(attempt.attempt(), now);
        } else {
            if (attempt.attempt() != 1) {
                return Outcome.DONE;
            }
            started = new WebhookDelivery(job.jobId(), eventId(job.jobId(), attempt.seq()), attempt.seq(),
                    WebhookDelivery.Status.PENDING, 1, now, false, 0, null, null, now, 1, job.expiresAt());
        }
        if (!deliveries.put(started)) {
            return Outcome.DONE;
        }
        return send(job, started);
    }

    /**
     * The message of an attempt that already started came again: either the queueing of the next
     * attempt failed (queue it now), or the attempt is still running (wait), or its function died
     * (count it as failed once its lease is over).
     */
    private Outcome resumeAfter(WebhookDelivery record, Instant now) {
        if (record.attemptEnded()) {
            Duration delay = record.nextAttemptAt() == null ? Duration.ZERO
                    : clamp(Duration.between(now, record.nextAttemptAt()));
            return queueNext(record, delay);
        }
        if (record.attemptStartedAt().plus(settings.lease()).isAfter(now)) {
            return Outcome.RETRY;
        }
        return failed(record, 0, "the attempt ended without an outcome");
    }

    private Outcome send(Job job, WebhookDelivery started) {
        List<JobEvent> read = events.read(job.jobId(), started.seq() - 1, 1);
        if (read.isEmpty() || read.get(0).seq() != started.seq()) {
            return end(started, WebhookDelivery.Status.FAILED, 0, "the job's event " + started.seq()
                    + " has expired; there is nothing to deliver");
        }
        CallbackUrlPolicy.Result checked = urls.check(job.callbackUrl());
        if (checked instanceof CallbackUrlPolicy.Rejected rejected) {
            return end(started, WebhookDelivery.Status.FAILED, 0, rejected.reason());
        }
        CallbackUrlPolicy.Accepted accepted = (CallbackUrlPolicy.Accepted) checked;
        String body = Frames.event(read.get(0));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "jobwire-webhook/1");
        headers.put(WebhookSignature.EVENT_ID_HEADER, started.eventId());
        headers.put("Jobwire-Delivery-Attempt", Integer.toString(started.attempts()));
        headers.put(WebhookSignature.HEADER, signature.sign(clock.now(), body));
        WebhookSender.Response response = sender.post(accepted.url(), accepted.addresses().get(0), headers, body);
        if (response.isSuccess()) {
            return end(started, WebhookDelivery.Status.DELIVERED, response.status(), null);
        }
        String error = response.status() == 0 ? response.error() : "the receiver answered " + response.status();
        return failed(started, response.status(), error);
    }

    private Outcome failed(WebhookDelivery record, int status, String error) {
        if (record.attempts() >= settings.maxAttempts()) {
            return end(record, WebhookDelivery.Status.FAILED, status, error + "; gave up after "
                    + record.attempts() + " attempts");
        }
        Duration delay = settings.retryDelay(record.attempts(), ThreadLocalRandom.current().nextDouble());
        WebhookDelivery ended = record.endAttempt(WebhookDelivery.Status.PENDING, status, error,
                clock.now().plus(delay), clock.now());
        if (!deliveries.put(ended)) {
            return Outcome.DONE;
        }
        return queueNext(ended, delay);
    }

    private Outcome queueNext(WebhookDelivery record, Duration delay) {
        try {
            queue.send(new WebhookQueue.Attempt(record.jobId(), record.seq(), record.attempts() + 1), delay);
            return Outcome.DONE;
        } catch (QueueException e) {
            LOG.warning(() -> "webhook for job " + record.jobId() + ": could not queue attempt "
                    + (record.attempts() + 1) + "; the message returns to the queue: " + e.getMessage());
            return Outcome.RETRY;
        }
    }

    private Outcome end(WebhookDelivery record, WebhookDelivery.Status status, int httpStatus, String error) {
        deliveries.put(record.endAttempt(status, httpStatus, error, null, clock.now()));
        return Outcome.DONE;
    }

    private static Duration clamp(Duration delay) {
        if (delay.isNegative()) {
            return Duration.ZERO;
        }
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }
}
