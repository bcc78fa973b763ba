package dev.jobwire.local.sqs;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.jobwire.local.lambda.Invocation;
import dev.jobwire.local.lambda.LocalFunction;
import dev.jobwire.local.template.EventSourceDef;
import dev.jobwire.local.template.QueueDef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An SQS event source mapping, as Lambda's SQS poller runs one.
 *
 * <ul>
 *   <li>{@code ScalingConfig.MaximumConcurrency} pollers (else the function's concurrency, at most
 *       5), each invoking the function synchronously, so no more batches run than pollers.</li>
 *   <li>A batch holds up to {@code BatchSize} messages, gathered until it is full or the batching
 *       window (from the first message) ends; the event is shaped exactly as Lambda delivers it.</li>
 *   <li>A successful invocation deletes the batch, or with {@code ReportBatchItemFailures} every
 *       message not reported failed; a response that is not a valid {@code batchItemFailures}
 *       document, or names an id that is blank or not in the batch, fails the whole batch. A failed,
 *       timed-out or throttled invocation deletes nothing. Messages left undeleted come back when
 *       their visibility timeout ends, untouched, and the queue's redrive policy moves them to its
 *       dead-letter queue after {@code maxReceiveCount} receives, as on AWS.</li>
 *   <li>FIFO order per message group is ElasticMQ's, as it is SQS's: a group's later messages are
 *       not handed out while earlier ones are in flight.</li>
 * </ul>
 *
 * One log line per failed batch goes to the function's log.
 */
public final class SqsEventSource implements AutoCloseable {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
    /** Short long-polls, so that stopping never waits long for a receive to end. */
    private static final int POLL_WAIT_SECONDS = 1;
    private static final int SQS_BATCH_LIMIT = 10;
    private static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(10);
    private static final List<String> DELIVERED_ATTRIBUTES = List.of(
            "ApproximateReceiveCount", "SentTimestamp", "SequenceNumber", "MessageGroupId", "SenderId",
            "MessageDeduplicationId", "ApproximateFirstReceiveTimestamp", "AWSTraceHeader", "DeadLetterQueueSourceArn");

    private final EventSourceDef def;
    private final QueueDef queue;
    private final String queueUrl;
    private final String queueArn;
    private final LocalFunction function;
    private final SqsClient sqs;
    private final String region;
    private final int pollers;
    private final Duration failedRetryAfter;
    private static final int MAX_POLLERS_WITHOUT_SCALING_CONFIG = 32;
    private static final long SCALE_DOWN_AFTER_NANOS = TimeUnit.SECONDS.toNanos(5);
    private final Object scaling = new Object();
    private volatile long lastReceivedAt = System.nanoTime() - SCALE_DOWN_AFTER_NANOS - 1;
    private final List<Thread> threads = new ArrayList<>();
    private final Set<Batch> running = ConcurrentHashMap.newKeySet();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean started;

    public SqsEventSource(EventSourceDef def, QueueDef queue, String queueUrl, String queueArn, LocalFunction function,
                          SqsClient sqs, String region) {
        this(def, queue, queueUrl, queueArn, function, sqs, region, null);
    }

    /**
     * @param failedRetryAfter when not null, a message that failed becomes visible again after at
     *                         most this long, instead of after the rest of the queue's visibility
     *                         timeout: the local runtime's way to retry a crashed job attempt in
     *                         seconds while a running attempt keeps the template's long visibility
     */
    public SqsEventSource(EventSourceDef def, QueueDef queue, String queueUrl, String queueArn, LocalFunction function,
                          SqsClient sqs, String region, Duration failedRetryAfter) {
        this.failedRetryAfter = failedRetryAfter;
        this.def = Objects.requireNonNull(def, "def");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
        this.queueArn = Objects.requireNonNull(queueArn, "queueArn");
        this.function = Objects.requireNonNull(function, "function");
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.region = Objects.requireNonNull(region, "region");
        if (!def.queueLogicalId().equals(queue.logicalId())) {
            throw new IllegalArgumentException("event source polls " + def.queueLogicalId() + ", not " + queue.logicalId());
        }
        // Lambda scales an event source up while messages keep coming (a FIFO queue to its number of
        // active message groups); without a MaximumConcurrency the local mapping may grow to 32
        // batches at once, and the pollers beyond the first only poll while the queue is busy.
        this.pollers = def.maximumConcurrency() != null ? def.maximumConcurrency()
                : Math.min(function.concurrency(), MAX_POLLERS_WITHOUT_SCALING_CONFIG);
    }

    /** How many pollers run, hence how many batches at most run at once. */
    public int pollers() {
        return pollers;
    }

    /** Starts polling, unless the mapping is disabled in the template. Starts once only. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        if (!def.enabled()) {
            return;
        }
        for (int i = 1; i <= pollers; i++) {
            boolean first = i == 1;
            Thread thread = new Thread(() -> poll(first), "sqs-" + function.name() + "-" + queue.logicalId() + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private boolean polling() {
        return stopping.getCount() > 0;
    }

    /**
     * One poller. Like Lambda's, the mapping scales with the queue: the first poller always
     * polls; the others poll only while messages have been arriving in the last few seconds, and
     * otherwise wait, so that an idle queue is asked once per long poll, not once per poller.
     */
    private void poll(boolean first) {
        while (polling()) {
            if (!first && System.nanoTime() - lastReceivedAt > SCALE_DOWN_AFTER_NANOS) {
                synchronized (scaling) {
                    try {
                        scaling.wait(TimeUnit.SECONDS.toMillis(POLL_WAIT_SECONDS));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                continue;
            }
            List<Message> messages;
            try {
                messages = gather();
            } catch (RuntimeException e) {
                // After stop the client may be closed under a running receive: that is no failure.
                if (!polling()) {
                    return;
                }
                function.log().line(function.name(), "WARNING receiving from " + queue.queueName() + " failed: " + e);
                pause();
                continue;
            }
            if (messages.isEmpty()) {
                continue;
            }
            lastReceivedAt = System.nanoTime();
            synchronized (scaling) {
                scaling.notifyAll();
            }
            if (!polling()) {
                release(messages);
                return;
            }
            try {
                process(messages);
            } catch (RuntimeException e) {
                fail(messages, "the poller failed: " + e + "; they will be delivered again");
            }
        }
    }

    private void pause() {
        try {
            stopping.await(POLL_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<Message> gather() {
        List<Message> batch = new ArrayList<>();
        long windowEnd = 0;
        while (polling() && batch.size() < def.batchSize()) {
            int wait = POLL_WAIT_SECONDS;
            boolean last = false;
            if (!batch.isEmpty()) {
                long remaining = windowEnd - System.nanoTime();
                if (remaining <= 0) {
                    break;
                }
                // Below a second, one short poll: a long poll would outlast the window.
                wait = (int) Math.min(POLL_WAIT_SECONDS, TimeUnit.NANOSECONDS.toSeconds(remaining));
                last = wait == 0;
            }
            List<Message> received = receive(Math.min(SQS_BATCH_LIMIT, def.batchSize() - batch.size()), wait);
            if (batch.isEmpty() && !received.isEmpty()) {
                windowEnd = System.nanoTime() + def.maximumBatchingWindow().toNanos();
            }
            batch.addAll(received);
            if (last) {
                break;
            }
        }
        return batch;
    }

    @SuppressWarnings("deprecation")
    private List<Message> receive(int max, int waitSeconds) {
        // AttributeNames too: servers that predate MessageSystemAttributeNames read only it.
        return sqs.receiveMessage(request -> request
                .queueUrl(queueUrl)
                .maxNumberOfMessages(max)
                .waitTimeSeconds(waitSeconds)
                .attributeNames(QueueAttributeName.ALL)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
    }

    private void process(List<Message> messages) {
        Batch batch = new Batch(messages);
        running.add(batch);
        try {
            Invocation invocation = function.invoke(event(messages));
            synchronized (batch) {
                if (batch.released) {
                    fail(messages, "it was still running at stop and its messages went back to the queue ("
                            + invocation.outcome() + ")");
                    return;
                }
                batch.settling = true;
            }
            List<Message> survivors = survivors(invocation, messages);
            delete(survivors);
            if (failedRetryAfter != null && survivors.size() < messages.size()) {
                List<Message> failed = messages.stream().filter(m -> !survivors.contains(m)).toList();
                changeVisibility(failed, (int) Math.min(43_200, failedRetryAfter.toSeconds()));
            }
        } finally {
            running.remove(batch);
        }
    }

    /** The messages to delete after {@code invocation}, logging any that stay. */
    private List<Message> survivors(Invocation invocation, List<Message> messages) {
        if (!invocation.succeeded()) {
            fail(messages, invocation.outcome() + " " + invocation.payload());
            return List.of();
        }
        if (!def.reportBatchItemFailures()) {
            return messages;
        }
        Set<String> failed;
        try {
            failed = reportedFailures(invocation.payload(), messages);
        } catch (IllegalArgumentException e) {
            fail(messages, "the whole batch failed: " + e.getMessage());
            return List.of();
        }
        if (!failed.isEmpty()) {
            fail(messages.stream().filter(m -> failed.contains(m.messageId())).toList(),
                    "reported in batchItemFailures (" + failed.size() + " of " + messages.size() + ")");
        }
        return messages.stream().filter(m -> !failed.contains(m.messageId())).toList();
    }

    /** The ids a {@code ReportBatchItemFailures} response names, by Lambda's rules. */
    static Set<String> reportedFailures(String payload, List<Message> messages) {
        JsonElement root;
        try {
            root = payload == null || payload.isBlank() ? null : JsonParser.parseString(payload);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("the response is not JSON: " + payload);
        }
        if (root == null || root.isJsonNull()) {
            return Set.of();
        }
        if (!root.isJsonObject()) {
            throw new IllegalArgumentException("the response is not a batchItemFailures object: " + payload);
        }
        JsonElement failures = root.getAsJsonObject().get("batchItemFailures");
        if (failures == null || failures.isJsonNull()) {
            return Set.of();
        }
        if (!failures.isJsonArray()) {
            throw new IllegalArgumentException("batchItemFailures is not a list: " + payload);
        }
        Set<String> inBatch = messages.stream().map(Message::messageId).collect(Collectors.toSet());
        Set<String> failed = new LinkedHashSet<>();
        for (JsonElement item : failures.getAsJsonArray()) {
            JsonElement id = item.isJsonObject() ? item.getAsJsonObject().get("itemIdentifier") : null;
            if (id == null || !id.isJsonPrimitive() || !id.getAsJsonPrimitive().isString() || id.getAsString().isBlank()) {
                throw new IllegalArgumentException("an item failure has no itemIdentifier: " + payload);
            }
            if (!inBatch.contains(id.getAsString())) {
                throw new IllegalArgumentException("itemIdentifier " + id.getAsString() + " is not in the batch");
            }
            failed.add(id.getAsString());
        }
        return failed;
    }

    private void fail(List<Message> messages, String why) {
        function.log().line(function.name(), "SQS batch from " + queue.queueName() + " failed for messages "
                + messages.stream().map(Message::messageId).toList() + ": " + why);
    }

    private void delete(List<Message> messages) {
        for (int from = 0; from < messages.size(); from += SQS_BATCH_LIMIT) {
            List<Message> chunk = messages.subList(from, Math.min(messages.size(), from + SQS_BATCH_LIMIT));
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                Message message = chunk.get(i);
                entries.add(DeleteMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i)).receiptHandle(message.receiptHandle()).build());
            }
            try {
                List<BatchResultErrorEntry> errors =
                        sqs.deleteMessageBatch(request -> request.queueUrl(queueUrl).entries(entries)).failed();
                for (BatchResultErrorEntry error : errors) {
                    fail(List.of(chunk.get(Integer.parseInt(error.id()))), "deleting it failed: " + error.code()
                            + " " + error.message() + "; it will be delivered again");
                }
            } catch (SdkException e) {
                fail(chunk, "deleting them failed: " + e + "; they will be delivered again");
            }
        }
    }

    /** Makes {@code messages} visible again at once. */
    private void release(List<Message> messages) {
        changeVisibility(messages, 0);
    }

    private void changeVisibility(List<Message> messages, int seconds) {
        for (int from = 0; from < messages.size(); from += SQS_BATCH_LIMIT) {
            List<Message> chunk = messages.subList(from, Math.min(messages.size(), from + SQS_BATCH_LIMIT));
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder()
                        .id(Integer.toString(i)).receiptHandle(chunk.get(i).receiptHandle()).visibilityTimeout(seconds).build());
            }
            try {
                sqs.changeMessageVisibilityBatch(request -> request.queueUrl(queueUrl).entries(entries));
            } catch (SdkException e) {
                function.log().line(function.name(), "WARNING returning messages to " + queue.queueName()
                        + " failed: " + e + "; they come back when their visibility timeout ends");
            }
        }
    }

    /** The event Lambda's SQS poller delivers for {@code messages}. */
    String event(List<Message> messages) {
        JsonArray records = new JsonArray();
        for (Message message : messages) {
            JsonObject record = new JsonObject();
            record.addProperty("messageId", message.messageId());
            record.addProperty("receiptHandle", message.receiptHandle());
            record.addProperty("body", message.body());
            JsonObject attributes = new JsonObject();
            Map<String, String> system = message.attributesAsStrings();
            for (String name : DELIVERED_ATTRIBUTES) {
                String value = system.get(name);
                if (value != null) {
                    attributes.addProperty(name, value);
                }
            }
            record.add("attributes", attributes);
            JsonObject messageAttributes = new JsonObject();
            message.messageAttributes().forEach((name, value) -> messageAttributes.add(name, attribute(value)));
            record.add("messageAttributes", messageAttributes);
            record.addProperty("md5OfBody", message.md5OfBody());
            record.addProperty("eventSource", "aws:sqs");
            record.addProperty("eventSourceARN", queueArn);
            record.addProperty("awsRegion", region);
            records.add(record);
        }
        JsonObject event = new JsonObject();
        event.add("Records", records);
        return GSON.toJson(event);
    }

    private static JsonObject attribute(MessageAttributeValue value) {
        JsonObject attribute = new JsonObject();
        if (value.stringValue() != null) {
            attribute.addProperty("stringValue", value.stringValue());
        }
        if (value.binaryValue() != null) {
            attribute.addProperty("binaryValue", base64(value.binaryValue()));
        }
        JsonArray strings = new JsonArray();
        value.stringListValues().forEach(strings::add);
        attribute.add("stringListValues", strings);
        JsonArray binaries = new JsonArray();
        value.binaryListValues().forEach(bytes -> binaries.add(base64(bytes)));
        attribute.add("binaryListValues", binaries);
        attribute.addProperty("dataType", value.dataType());
        return attribute;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }

    /**
     * Stops receiving and waits up to {@code grace} for the running batches; the messages of any
     * batch still running then go back to the queue at once (visibility 0), and its invocation is
     * not waited for further: whatever it returns, nothing of it is deleted. Returns whether every
     * poller had ended.
     */
    public boolean stop(Duration grace) {
        stopping.countDown();
        synchronized (scaling) {
            scaling.notifyAll();
        }
        long deadline = System.nanoTime() + grace.toNanos();
        boolean ended = true;
        for (Thread thread : threads) {
            long remaining = deadline - System.nanoTime();
            try {
                if (remaining > 0) {
                    TimeUnit.NANOSECONDS.timedJoin(thread, remaining);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ended &= !thread.isAlive();
        }
        for (Batch batch : running) {
            synchronized (batch) {
                if (batch.settling) {
                    continue;
                }
                batch.released = true;
            }
            release(batch.messages);
        }
        return ended;
    }

    /** {@link #stop(Duration)} with a grace of 10 seconds. */
    @Override
    public void close() {
        stop(DEFAULT_STOP_GRACE);
    }

    private static final class Batch {
        final List<Message> messages;
        /** Guarded by this: stop returned the messages; the poller must not delete them. */
        boolean released;
        /** Guarded by this: the poller is deleting; stop must not return the messages. */
        boolean settling;

        Batch(List<Message> messages) {
            this.messages = List.copyOf(messages);
        }
    }
}
