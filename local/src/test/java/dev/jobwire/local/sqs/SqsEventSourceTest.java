package dev.jobwire.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.jobwire.local.lambda.LocalFunction;
import dev.jobwire.local.template.EventSourceDef;
import dev.jobwire.local.template.FunctionDef;
import dev.jobwire.local.template.QueueDef;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class SqsEventSourceTest {
    private static final String REGION = "eu-west-1";
    private static EmbeddedQueues queues;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<SqsEventSource> sources = new ArrayList<>();
    private final List<LocalFunction> functions = new ArrayList<>();

    @BeforeAll
    static void startQueues() {
        queues = EmbeddedQueues.start("127.0.0.1", 0, REGION);
    }

    @AfterAll
    static void stopQueues() {
        queues.close();
    }

    @AfterEach
    void stopSources() {
        sources.forEach(source -> source.stop(Duration.ZERO));
        functions.forEach(function -> function.close(Duration.ZERO));
    }

    /** Records every event it gets and answers with what {@code behaviour} decides. */
    static final class Recorder implements RequestHandler<SQSEvent, SQSBatchResponse> {
        final List<List<SQSEvent.SQSMessage>> batches = new CopyOnWriteArrayList<>();
        final Function<List<SQSEvent.SQSMessage>, List<String>> failedIds;

        Recorder(Function<List<SQSEvent.SQSMessage>, List<String>> failedIds) {
            this.failedIds = failedIds;
        }

        @Override
        public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
            batches.add(List.copyOf(event.getRecords()));
            List<SQSBatchResponse.BatchItemFailure> failures = failedIds.apply(event.getRecords()).stream()
                    .map(SQSBatchResponse.BatchItemFailure::new).toList();
            return new SQSBatchResponse(failures);
        }

        List<SQSEvent.SQSMessage> deliveries(String body) {
            return batches.stream().flatMap(List::stream).filter(m -> m.getBody().equals(body)).toList();
        }
    }

    /** Records the raw event JSON and answers with a fixed payload. */
    static final class RawRecorder implements RequestStreamHandler {
        final List<String> events = new CopyOnWriteArrayList<>();
        final Function<Integer, String> response;

        RawRecorder(Function<Integer, String> response) {
            this.response = response;
        }

        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws java.io.IOException {
            events.add(new String(input.readAllBytes(), StandardCharsets.UTF_8));
            output.write(response.apply(events.size()).getBytes(StandardCharsets.UTF_8));
        }

        List<JsonObject> records() {
            List<JsonObject> records = new ArrayList<>();
            for (String event : events) {
                for (JsonElement record : JsonParser.parseString(event).getAsJsonObject().getAsJsonArray("Records")) {
                    records.add(record.getAsJsonObject());
                }
            }
            return records;
        }
    }

    private QueueDef queue(String prefix, boolean fifo, int visibilitySeconds, String deadLetterQueue, int maxReceiveCount) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + (fifo ? ".fifo" : "");
        QueueDef queue = new QueueDef(name, name, fifo, fifo, Duration.ofSeconds(visibilitySeconds), Duration.ofDays(4),
                deadLetterQueue, maxReceiveCount);
        return queue;
    }

    private SqsEventSource source(QueueDef queue, Object handler, int concurrency, int batchSize, Duration window,
                                  boolean reportBatchItemFailures, Integer maximumConcurrency) {
        FunctionDef def = new FunctionDef("Fn" + queue.logicalId().hashCode(), handler.getClass().getName(),
                "handleRequest", Duration.ofSeconds(10), 256, null, Map.of());
        LocalFunction function = new LocalFunction(def, handler, concurrency, REGION, "000000000000",
                (name, line) -> log.add(line));
        functions.add(function);
        EventSourceDef mapping = new EventSourceDef(def.logicalId(), queue.logicalId(), batchSize, window,
                reportBatchItemFailures, maximumConcurrency, true);
        SqsEventSource source = new SqsEventSource(mapping, queue, queues.url(queue.logicalId()),
                queues.arn(queue.logicalId()), function, queues.client(), REGION);
        sources.add(source);
        return source;
    }

    private static void send(QueueDef queue, String body) {
        queues.client().sendMessage(request -> request.queueUrl(queues.url(queue.logicalId())).messageBody(body));
    }

    private static void sendToGroup(QueueDef queue, String group, String body) {
        queues.client().sendMessage(request -> request.queueUrl(queues.url(queue.logicalId())).messageBody(body)
                .messageGroupId(group));
    }

    private static int messagesLeft(QueueDef queue) {
        Map<QueueAttributeName, String> attributes = queues.client().getQueueAttributes(request -> request
                .queueUrl(queues.url(queue.logicalId()))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private static String md5(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        return String.format("%032x", new BigInteger(1, digest));
    }

    @Test
    void messages_arriveInBatchesOfBatchSizeShapedAsLambdaDeliversThem() throws Exception {
        QueueDef queue = queue("shape", false, 30, null, 0);
        queues.create(List.of(queue));
        for (int i = 0; i < 6; i++) {
            send(queue, "m" + i);
        }
        queues.client().sendMessage(request -> request.queueUrl(queues.url(queue.logicalId())).messageBody("m6")
                .messageAttributes(Map.of(
                        "kind", MessageAttributeValue.builder().dataType("String").stringValue("test").build(),
                        "blob", MessageAttributeValue.builder().dataType("Binary")
                                .binaryValue(SdkBytes.fromUtf8String("hi")).build())));
        RawRecorder handler = new RawRecorder(n -> "");
        SqsEventSource source = source(queue, handler, 1, 3, Duration.ofSeconds(1), false, null);

        source.start();

        await().atMost(Duration.ofSeconds(15)).until(() -> handler.records().size() == 7 && messagesLeft(queue) == 0);
        List<Integer> sizes = handler.events.stream()
                .map(event -> JsonParser.parseString(event).getAsJsonObject().getAsJsonArray("Records").size()).toList();
        assertThat(source.pollers()).isEqualTo(1);
        assertThat(sizes).allMatch(size -> size <= 3).first().isEqualTo(3);
        for (JsonObject record : handler.records()) {
            assertThat(record.keySet()).containsExactly("messageId", "receiptHandle", "body", "attributes",
                    "messageAttributes", "md5OfBody", "eventSource", "eventSourceARN", "awsRegion");
            JsonObject attributes = record.getAsJsonObject("attributes");
            assertThat(attributes.keySet()).contains("ApproximateReceiveCount", "SentTimestamp", "SenderId",
                    "ApproximateFirstReceiveTimestamp").doesNotContain("MessageGroupId");
            assertThat(attributes.get("ApproximateReceiveCount").getAsString()).isEqualTo("1");
            assertThat(record.get("md5OfBody").getAsString()).isEqualTo(md5(record.get("body").getAsString()));
            assertThat(record.get("eventSource").getAsString()).isEqualTo("aws:sqs");
            assertThat(record.get("eventSourceARN").getAsString())
                    .isEqualTo("arn:aws:sqs:eu-west-1:000000000000:" + queue.queueName());
            assertThat(record.get("awsRegion").getAsString()).isEqualTo(REGION);
        }
        JsonObject withAttributes = handler.records().stream()
                .filter(record -> record.get("body").getAsString().equals("m6")).findFirst().orElseThrow()
                .getAsJsonObject("messageAttributes");
        assertThat(withAttributes.get("kind")).isEqualTo(JsonParser.parseString(
                "{\"stringValue\":\"test\",\"stringListValues\":[],\"binaryListValues\":[],\"dataType\":\"String\"}"));
        assertThat(withAttributes.get("blob")).isEqualTo(JsonParser.parseString(
                "{\"binaryValue\":\"aGk=\",\"stringListValues\":[],\"binaryListValues\":[],\"dataType\":\"Binary\"}"));
    }

    @Test
    void partialBatchFailure_redeliversOnlyTheFailedMessage() {
        QueueDef queue = queue("partial", false, 1, null, 0);
        queues.create(List.of(queue));
        Recorder handler = new Recorder(batch -> batch.stream()
                .filter(m -> m.getBody().equals("b") && m.getAttributes().get("ApproximateReceiveCount").equals("1"))
                .map(SQSEvent.SQSMessage::getMessageId).toList());
        send(queue, "a");
        send(queue, "b");
        send(queue, "c");
        source(queue, handler, 1, 10, Duration.ofSeconds(1), true, null).start();

        await().atMost(Duration.ofSeconds(15)).until(() -> handler.deliveries("b").size() == 2 && messagesLeft(queue) == 0);

        assertThat(handler.deliveries("a")).hasSize(1);
        assertThat(handler.deliveries("c")).hasSize(1);
        assertThat(handler.deliveries("b")).extracting(m -> m.getAttributes().get("ApproximateReceiveCount"))
                .containsExactly("1", "2");
        String failedId = handler.deliveries("b").get(0).getMessageId();
        assertThat(log).anyMatch(line -> line.startsWith("SQS batch from " + queue.queueName()) && line.contains(failedId)
                && line.contains("batchItemFailures"));
    }

    @Test
    void failingMessage_goesToDeadLetterQueueAfterMaxReceiveCount() {
        QueueDef dlq = queue("redrive-dlq", false, 30, null, 0);
        QueueDef queue = queue("redrive", false, 1, dlq.logicalId(), 2);
        queues.create(List.of(queue, dlq));
        Recorder handler = new Recorder(batch -> {
            throw new IllegalStateException("always fails");
        });
        send(queue, "poison");
        source(queue, handler, 1, 10, Duration.ZERO, true, null).start();

        List<Message> deadLettered = new CopyOnWriteArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            deadLettered.addAll(queues.client().receiveMessage(request -> request.queueUrl(queues.url(dlq.logicalId()))
                    .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages());
            return !deadLettered.isEmpty();
        });

        assertThat(deadLettered).extracting(Message::body).containsExactly("poison");
        assertThat(handler.deliveries("poison")).extracting(m -> m.getAttributes().get("ApproximateReceiveCount"))
                .containsExactly("1", "2");
        assertThat(messagesLeft(queue)).isZero();
        assertThat(log).anyMatch(line -> line.contains("FAILED") && line.contains("always fails"));
    }

    @Test
    void malformedBatchResponse_redeliversTheWholeBatch() {
        QueueDef queue = queue("malformed", false, 1, null, 0);
        queues.create(List.of(queue));
        send(queue, "x");
        send(queue, "y");
        RawRecorder handler = new RawRecorder(call -> call == 1
                ? "{\"batchItemFailures\":[{\"itemIdentifier\":\"not-in-this-batch\"}]}" : "null");
        source(queue, handler, 1, 10, Duration.ofSeconds(1), true, null).start();

        await().atMost(Duration.ofSeconds(15)).until(() -> handler.records().size() >= 4 && messagesLeft(queue) == 0);

        assertThat(handler.events.get(0)).contains("\"x\"").contains("\"y\"");
        assertThat(handler.records()).hasSize(4)
                .extracting(r -> r.get("body").getAsString() + ":"
                        + r.getAsJsonObject("attributes").get("ApproximateReceiveCount").getAsString())
                .containsExactlyInAnyOrder("x:1", "y:1", "x:2", "y:2");
        assertThat(log).anyMatch(line -> line.contains("the whole batch failed") && line.contains("not-in-this-batch"));
    }

    @Test
    void reportedFailures_followLambdasRules() {
        List<Message> batch = List.of(Message.builder().messageId("m1").build(), Message.builder().messageId("m2").build());

        assertThat(SqsEventSource.reportedFailures("null", batch)).isEmpty();
        assertThat(SqsEventSource.reportedFailures("", batch)).isEmpty();
        assertThat(SqsEventSource.reportedFailures("{}", batch)).isEmpty();
        assertThat(SqsEventSource.reportedFailures("{\"batchItemFailures\":null}", batch)).isEmpty();
        assertThat(SqsEventSource.reportedFailures("{\"batchItemFailures\":[]}", batch)).isEmpty();
        assertThat(SqsEventSource.reportedFailures("{\"batchItemFailures\":[{\"itemIdentifier\":\"m2\"}]}", batch))
                .containsExactly("m2");
        for (String invalid : List.of("[]", "\"m1\"", "{not json", "{\"batchItemFailures\":{}}",
                "{\"batchItemFailures\":[{}]}", "{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}",
                "{\"batchItemFailures\":[{\"itemIdentifier\":null}]}", "{\"batchItemFailures\":[{\"id\":\"m1\"}]}",
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"m3\"}]}")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> SqsEventSource.reportedFailures(invalid, batch))
                    .as(invalid).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void fifo_keepsOrderPerGroupThroughPartialFailureWithSeveralPollers() {
        QueueDef queue = queue("order", true, 1, null, 0);
        queues.create(List.of(queue));
        Map<String, List<String>> processed = new ConcurrentHashMap<>();
        Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        Recorder handler = new Recorder(batch -> {
            List<String> failed = new ArrayList<>();
            Set<String> stoppedGroups = new java.util.HashSet<>();
            for (SQSEvent.SQSMessage message : batch) {
                String group = message.getAttributes().get("MessageGroupId");
                // A FIFO handler stops a group at its first failure and hands back the rest unprocessed.
                if (stoppedGroups.contains(group) || (message.getBody().endsWith("-2") && failedOnce.add(message.getBody()))) {
                    stoppedGroups.add(group);
                    failed.add(message.getMessageId());
                } else {
                    processed.computeIfAbsent(group, g -> new CopyOnWriteArrayList<>()).add(message.getBody());
                }
            }
            return failed;
        });
        List<String> groups = List.of("g1", "g2", "g3");
        for (int i = 0; i < 5; i++) {
            for (String group : groups) {
                sendToGroup(queue, group, group + "-" + i);
            }
        }
        SqsEventSource source = source(queue, handler, 3, 10, Duration.ZERO, true, 3);
        source.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> messagesLeft(queue) == 0
                && processed.values().stream().mapToInt(List::size).sum() == 15);

        assertThat(source.pollers()).isEqualTo(3);
        for (String group : groups) {
            assertThat(processed.get(group)).as(group)
                    .containsExactly(group + "-0", group + "-1", group + "-2", group + "-3", group + "-4");
            assertThat(handler.deliveries(group + "-2")).hasSize(2);
        }
        assertThat(handler.batches.get(0).get(0).getAttributes())
                .containsKeys("MessageGroupId", "MessageDeduplicationId", "SequenceNumber");
    }

    @Test
    void stop_withRunningBatch_returnsItsMessagesToTheQueueAtOnce() {
        QueueDef queue = queue("stop", false, 60, null, 0);
        queues.create(List.of(queue));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Recorder handler = new Recorder(batch -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        });
        send(queue, "slow-1");
        send(queue, "slow-2");
        SqsEventSource source = source(queue, handler, 1, 10, Duration.ofSeconds(1), true, null);
        source.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> entered.getCount() == 0);

        boolean ended = source.stop(Duration.ofMillis(200));

        assertThat(ended).isFalse();
        List<String> visibleAgain = new CopyOnWriteArrayList<>();
        // Far sooner than the queue's 60 s visibility timeout: only the release makes them visible.
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            queues.client().receiveMessage(request -> request.queueUrl(queues.url(queue.logicalId()))
                    .maxNumberOfMessages(10).waitTimeSeconds(1).visibilityTimeout(60)).messages()
                    .forEach(message -> visibleAgain.add(message.body()));
            return visibleAgain.size() == 2;
        });
        assertThat(visibleAgain).containsExactlyInAnyOrder("slow-1", "slow-2");
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> log.stream().anyMatch(line -> line.contains("still running at stop")));
        assertThat(messagesLeft(queue)).isEqualTo(2);
        assertThat(handler.batches).hasSize(1);
    }
}
