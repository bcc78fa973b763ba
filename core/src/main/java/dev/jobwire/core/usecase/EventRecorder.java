package dev.jobwire.core.usecase;

import com.google.gson.JsonObject;
import dev.jobwire.core.model.EventType;
import dev.jobwire.core.model.Job;
import dev.jobwire.core.model.JobError;
import dev.jobwire.core.model.JobEvent;
import dev.jobwire.core.model.JobStatus;
import dev.jobwire.core.model.JsonText;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.JobEventLog;
import dev.jobwire.core.port.JobStore;
import dev.jobwire.core.port.Notification;
import dev.jobwire.core.port.NotificationQueue;
import dev.jobwire.core.port.WebhookQueue;
import dev.jobwire.core.protocol.Frames;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes a job's events: the only way events come into being.
 *
 * <p>The event log decides. Each event takes the next seq with a conditional append, so two
 * writers (a redelivered message racing a slow attempt) can never both take a seq; and no event is
 * appended after a terminal one, so a job has exactly one terminal event. The notification and
 * the job row follow the log, in that order: if a writer dies between the steps, the next attempt
 * finds the log ahead of the row and repairs the rest ({@link #settle}).
 */
public final class EventRecorder {
    private static final int MAX_CONFLICTS = 20;
    private static final int PAGE = 100;

    private final JobEventLog events;
    private final JobStore jobs;
    private final NotificationQueue notifications;
    private final Clock clock;
    private final Policy policy;
    private final WebhookQueue webhooks;

    /** A recorder for a deployment that sends no webhooks. */
    public EventRecorder(JobEventLog events, JobStore jobs, NotificationQueue notifications, Clock clock,
                         Policy policy) {
        this(events, jobs, notifications, null, clock, policy);
    }

    /**
     * @param webhooks where the first delivery attempt of a terminal event goes when its job has a
     *                 {@code callbackUrl}; null sends none
     */
    public EventRecorder(JobEventLog events, JobStore jobs, NotificationQueue notifications, WebhookQueue webhooks,
                         Clock clock, Policy policy) {
        this.events = Objects.requireNonNull(events, "events");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        this.webhooks = webhooks;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Thrown when the job already has its terminal event: whoever called must stop. */
    public static final class AlreadyFinished extends Exception {
        private final JobStatus status;
        private final long seq;

        AlreadyFinished(dev.jobwire.core.model.JobId jobId, JobStatus status, long seq) {
            super("job " + jobId + " already ended " + status + " at seq " + seq, null, false, false);
            this.status = status;
            this.seq = seq;
        }

        AlreadyFinished(JobEvent terminal) {
            this(terminal.jobId(), terminal.type().terminalStatus(), terminal.seq());
        }

        /** The status the job ended with. */
        public JobStatus status() {
            return status;
        }

        /** The seq of the job's terminal event. */
        public long seq() {
            return seq;
        }
    }

    /**
     * A writer for one job that remembers the last seq it used, so that the usual path costs one
     * conditional write per event. It learns the job's current seq on its first append.
     */
    public Writer writer(Job job) {
        return new Writer(job, -1);
    }

    /** A writer that continues after a {@link #settle} of the same job, without reading the log again. */
    public Writer writer(Job job, Settled settled) {
        if (settled.ended()) {
            throw new IllegalArgumentException("job " + job.jobId() + " has ended");
        }
        return new Writer(job, settled.lastSeq());
    }

    /**
     * What {@link #settle} found.
     *
     * @param terminal the job's terminal event, or null while it runs
     * @param lastSeq  the highest seq in the log (or on the row, when older events expired)
     */
    public record Settled(JobEvent terminal, long lastSeq) {
        public boolean ended() {
            return terminal != null;
        }
    }

    /**
     * Brings the job row and the notify queue up to date with the log, and tells whether the job
     * has ended. The row's {@code lastSeq} only moves once an event is queued for delivery, so
     * every event after it may never have been queued: each is published again, in order
     * (notifications are deduplicated by (jobId, seq), and clients deduplicate too). A terminal
     * event then ends the row.
     */
    public Settled settle(Job job) {
        JobEvent last = null;
        long after = job.lastSeq();
        while (true) {
            List<JobEvent> page = events.read(job.jobId(), after, PAGE);
            for (JobEvent event : page) {
                publish(job, event);
                last = event;
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1).seq();
        }
        if (last == null) {
            Optional<JobEvent> latest = events.latest(job.jobId());
            if (latest.isPresent() && latest.get().type().isTerminal()) {
                jobs.finish(job.jobId(), completionOf(latest.get()), clock.now());
                return new Settled(latest.get(), latest.get().seq());
            }
            return new Settled(null, Math.max(job.lastSeq(), latest.map(JobEvent::seq).orElse(0L)));
        }
        if (last.type().isTerminal()) {
            jobs.finish(job.jobId(), completionOf(last), clock.now());
            return new Settled(last, last.seq());
        }
        confirm(job, last);
        return new Settled(null, last.seq());
    }

    private void confirm(Job job, JobEvent progress) {
        JsonObject body = JsonText.parseObject(progress.body());
        int percent = body.has("percent") ? body.get("percent").getAsInt() : job.percent();
        String message = body.has("message") ? body.get("message").getAsString() : null;
        jobs.recordProgress(job.jobId(), progress.seq(), percent, message, progress.at());
    }

    /**
     * Queues the event for its clients and, when it ends a job that has a callback URL, its first
     * webhook attempt. Both come before the row moves, so a writer that dies in between leaves
     * the repair to {@link #settle}, which publishes both again (each is deduplicated downstream).
     */
    private void publish(Job job, JobEvent event) {
        notifications.publish(new Notification(job.jobId(), job.userId(), event.seq(), Frames.event(event)));
        if (webhooks != null && event.type().isTerminal() && job.callbackUrl() != null) {
            webhooks.send(new WebhookQueue.Attempt(job.jobId(), event.seq(), 1), Duration.ZERO);
        }
    }

    static Job.Completion completionOf(JobEvent terminal) {
        JsonObject body = JsonText.parseObject(terminal.body());
        JobStatus status = terminal.type().terminalStatus();
        String result = body.has("result") ? body.get("result").toString() : null;
        String resultRef = body.has("resultUrl") ? body.get("resultUrl").getAsString() : null;
        JobError error = null;
        if (status == JobStatus.FAILED) {
            JsonObject e = body.has("error") && body.get("error").isJsonObject()
                    ? body.getAsJsonObject("error") : new JsonObject();
            error = new JobError(e.has("code") ? e.get("code").getAsString() : "failed",
                    e.has("message") ? e.get("message").getAsString() : "");
        }
        return new Job.Completion(status, terminal.seq(), result, resultRef, error);
    }

    /**
     * Appends events for one job; not thread-safe (one writer per running attempt). Each event is
     * appended, then queued, then confirmed on the job row; an event whose queueing failed is
     * queued again, in order, before the next one.
     */
    public final class Writer {
        private final Job job;
        private long lastSeq;
        private long unqueuedFrom = -1;
        private JobEvent terminal;

        /** @param lastSeq the job's last seq as known, or -1 to read it before the first append */
        private Writer(Job job, long lastSeq) {
            this.job = job;
            this.lastSeq = lastSeq;
        }

        /** Appends a {@code progress} event and queues it; returns its seq. */
        public long progress(int percent, String message, JsonObject data, int attempt) throws AlreadyFinished {
            JsonObject body = new JsonObject();
            body.addProperty("percent", percent);
            if (message != null) {
                body.addProperty("message", message);
            }
            if (data != null) {
                body.add("data", data);
            }
            body.addProperty("attempt", attempt);
            JobEvent event = append(EventType.PROGRESS, body);
            publishInOrder(event);
            jobs.recordProgress(job.jobId(), event.seq(), percent, message, event.at());
            return event.seq();
        }

        /** Appends the terminal event, queues it and moves the job row to its terminal state. */
        public JobEvent finish(EventType type, JsonObject body) throws AlreadyFinished {
            if (!type.isTerminal()) {
                throw new IllegalArgumentException(type + " is not terminal");
            }
            JobEvent event = append(type, body);
            terminal = event;
            publishInOrder(event);
            jobs.finish(job.jobId(), completionOf(event), event.at());
            return event;
        }

        public JobEvent succeeded(String resultJson) throws AlreadyFinished {
            JsonObject body = new JsonObject();
            body.add("result", JsonText.parse(resultJson));
            return finish(EventType.SUCCEEDED, body);
        }

        /** Ends the job with a result kept elsewhere (too large for a frame), served at {@code resultUrl}. */
        public JobEvent succeededAt(String resultUrl) throws AlreadyFinished {
            JsonObject body = new JsonObject();
            body.addProperty("resultUrl", resultUrl);
            return finish(EventType.SUCCEEDED, body);
        }

        public JobEvent failed(JobError error, int attempts) throws AlreadyFinished {
            JsonObject body = new JsonObject();
            body.add("error", Frames.error(error));
            body.addProperty("attempts", attempts);
            return finish(EventType.FAILED, body);
        }

        public JobEvent cancelled() throws AlreadyFinished {
            return finish(EventType.CANCELLED, new JsonObject());
        }

        private void publishInOrder(JobEvent event) {
            if (unqueuedFrom > 0) {
                for (JobEvent earlier : events.read(job.jobId(), unqueuedFrom - 1, (int) (event.seq() - unqueuedFrom))) {
                    if (earlier.seq() < event.seq()) {
                        publish(job, earlier);
                    }
                }
                unqueuedFrom = -1;
            }
            try {
                publish(job, event);
            } catch (RuntimeException e) {
                unqueuedFrom = event.seq();
                throw e;
            }
        }

        private JobEvent append(EventType type, JsonObject body) throws AlreadyFinished {
            if (terminal != null) {
                throw new AlreadyFinished(terminal);
            }
            for (int conflicts = 0; conflicts < MAX_CONFLICTS; conflicts++) {
                if (lastSeq < 0) {
                    lastSeq = currentSeq();
                }
                var now = clock.now();
                JobEvent event = new JobEvent(job.jobId(), lastSeq + 1, type, body.toString(), now,
                        now.plus(policy.eventRetention()));
                if (events.append(event)) {
                    lastSeq = event.seq();
                    return event;
                }
                lastSeq = -1;
            }
            throw new IllegalStateException("job " + job.jobId() + ": gave up after " + MAX_CONFLICTS
                    + " conflicting appends");
        }

        /**
         * The seq to continue from: the log's latest, or the job row's when older events expired.
         * The row is read before the log: the row only moves after the log, so a row read first
         * can never be ahead of the log read after it, and a terminal event written by a racing
         * writer in between is seen in the log. (A terminal status on the row alone does not
         * end the writer: cancelling a queued job ends the row first, then records its event.)
         */
        private long currentSeq() throws AlreadyFinished {
            Optional<Job> row = jobs.get(job.jobId());
            Optional<JobEvent> latest = events.latest(job.jobId());
            if (latest.isPresent() && latest.get().type().isTerminal()) {
                throw new AlreadyFinished(latest.get());
            }
            long fromLog = latest.map(JobEvent::seq).orElse(0L);
            long fromRow = row.map(Job::lastSeq).orElse(0L);
            return Math.max(fromLog, fromRow);
        }
    }
}
