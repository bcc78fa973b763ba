package dev.jobwire.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.jobwire.aws.testing.LambdaEvents;
import dev.jobwire.local.template.FunctionDef;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LocalFunctionTest {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<LocalFunction> functions = new ArrayList<>();

    @AfterEach
    void closeFunctions() {
        functions.forEach(function -> function.close(Duration.ofSeconds(5)));
    }

    private LocalFunction function(Object handler, int concurrency, Duration timeout) {
        FunctionDef def = new FunctionDef("TestFunction", handler.getClass().getName(), "handleRequest", timeout, 512,
                null, Map.of());
        LocalFunction function = new LocalFunction(def, handler, concurrency, "eu-west-1", "123456789012",
                (name, line) -> lines.add(name + " " + line));
        functions.add(function);
        return function;
    }

    public static final class Greeting {
        private String name;
        private int times;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public int getTimes() {
            return times;
        }

        public void setTimes(int times) {
            this.times = times;
        }
    }

    static final class GreetingHandler implements RequestHandler<Greeting, Map<String, Object>> {
        @Override
        public Map<String, Object> handleRequest(Greeting input, Context context) {
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("text", ("hello " + input.getName() + " ").repeat(input.getTimes()).trim());
            response.put("count", input.getTimes());
            return response;
        }
    }

    @Test
    void invoke_pojoHandler_deserialisesEventAndSerialisesResponse() {
        Invocation invocation = function(new GreetingHandler(), 1, Duration.ofSeconds(5))
                .invoke("{\"name\":\"ada\",\"times\":2}");

        assertThat(invocation.outcome()).isEqualTo(Invocation.Outcome.SUCCEEDED);
        assertThat(JsonParser.parseString(invocation.payload()))
                .isEqualTo(JsonParser.parseString("{\"text\":\"hello ada hello ada\",\"count\":2}"));
    }

    static final class UpperHandler implements RequestHandler<String, String> {
        @Override
        public String handleRequest(String input, Context context) {
            return input.toUpperCase();
        }
    }

    @Test
    void invoke_stringHandler_returnsJsonString() {
        Invocation invocation = function(new UpperHandler(), 1, Duration.ofSeconds(5)).invoke("\"abc\"");

        assertThat(invocation.payload()).isEqualTo("\"ABC\"");
    }

    static final class NullHandler implements RequestHandler<Map<String, Object>, Void> {
        @Override
        public Void handleRequest(Map<String, Object> input, Context context) {
            return null;
        }
    }

    @Test
    void invoke_nullResponse_isJsonNull() {
        Invocation invocation = function(new NullHandler(), 1, Duration.ofSeconds(5)).invoke("{\"a\":1}");

        assertThat(invocation.outcome()).isEqualTo(Invocation.Outcome.SUCCEEDED);
        assertThat(invocation.payload()).isEqualTo("null");
    }

    static final class StreamEcho implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws java.io.IOException {
            output.write(("{\"got\":" + new String(input.readAllBytes(), StandardCharsets.UTF_8) + "}")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void invoke_streamHandler_returnsWhatItWrote() {
        Invocation invocation = function(new StreamEcho(), 1, Duration.ofSeconds(5)).invoke("[1,2]");

        assertThat(invocation.payload()).isEqualTo("{\"got\":[1,2]}");
    }

    static final class WebSocketHandler
            implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
        final AtomicReference<APIGatewayV2WebSocketEvent> seen = new AtomicReference<>();

        @Override
        public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
            seen.set(event);
            APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
            response.setStatusCode(200);
            response.setBody("ok");
            return response;
        }
    }

    @Test
    void invoke_realWebSocketEvent_reachesHandlerAsApiGatewayV2WebSocketEvent() {
        WebSocketHandler handler = new WebSocketHandler();
        String json = LambdaEvents.text("events/websocket-message.json",
                Map.of("ROUTE_KEY", "submit", "CONNECTION_ID", "conn-1=", "BODY", "{\"action\":\"submit\"}",
                        "BASE64", "false"));

        Invocation invocation = function(handler, 1, Duration.ofSeconds(5)).invoke(json);

        assertThat(invocation.outcome()).isEqualTo(Invocation.Outcome.SUCCEEDED);
        APIGatewayV2WebSocketEvent event = handler.seen.get();
        assertThat(event.getRequestContext().getConnectionId()).isEqualTo("conn-1=");
        assertThat(event.getRequestContext().getRouteKey()).isEqualTo("submit");
        assertThat(event.getRequestContext().getEventType()).isEqualTo("MESSAGE");
        assertThat(event.getRequestContext().getIdentity().getSourceIp()).isEqualTo("203.0.113.7");
        assertThat(event.getRequestContext().getConnectedAt()).isEqualTo(1795635435000L);
        assertThat(event.getBody()).isEqualTo("{\"action\":\"submit\"}");
        JsonObject payload = JsonParser.parseString(invocation.payload()).getAsJsonObject();
        assertThat(payload.get("statusCode").getAsInt()).isEqualTo(200);
        assertThat(payload.get("body").getAsString()).isEqualTo("ok");
    }

    static final class BlockingHandler implements RequestHandler<String, String> {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicBoolean interrupted = new AtomicBoolean();

        @Override
        public String handleRequest(String input, Context context) {
            // Ignores interrupts on purpose, as a handler stuck in non-interruptible I/O would.
            while (true) {
                try {
                    release.await();
                    return input;
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
            }
        }
    }

    @Test
    void invoke_whenAllSlotsBusy_isThrottledAtOnce() {
        BlockingHandler handler = new BlockingHandler();
        LocalFunction function = function(handler, 2, Duration.ofSeconds(30));
        CompletableFuture<Invocation> first = CompletableFuture.supplyAsync(() -> function.invoke("\"a\""));
        CompletableFuture<Invocation> second = CompletableFuture.supplyAsync(() -> function.invoke("\"b\""));
        await().atMost(Duration.ofSeconds(5)).until(() -> function.inFlight() == 2);

        Invocation third = function.invoke("\"c\"");

        assertThat(third.outcome()).isEqualTo(Invocation.Outcome.THROTTLED);
        assertThat(JsonParser.parseString(third.payload()).getAsJsonObject().get("errorType").getAsString())
                .isEqualTo("TooManyRequestsException");
        handler.release.countDown();
        assertThat(first.join().payload()).isEqualTo("\"a\"");
        assertThat(second.join().payload()).isEqualTo("\"b\"");
        assertThat(function.inFlight()).isZero();
        assertThat(function.invoke("\"d\"").outcome()).isEqualTo(Invocation.Outcome.SUCCEEDED);
    }

    @Test
    void invoke_pastTimeout_timesOutAndHoldsSlotUntilThreadEnds() {
        BlockingHandler handler = new BlockingHandler();
        LocalFunction function = function(handler, 1, Duration.ofMillis(300));

        Invocation invocation = function.invoke("\"a\"");

        assertThat(invocation.outcome()).isEqualTo(Invocation.Outcome.TIMED_OUT);
        assertThat(invocation.payload()).isEqualTo("{\"errorMessage\":\"" + invocation.requestId()
                + " Task timed out after 0.30 seconds\",\"errorType\":\"Sandbox.Timedout\"}");
        await().atMost(Duration.ofSeconds(5)).untilTrue(handler.interrupted);
        assertThat(function.inFlight()).isEqualTo(1);
        assertThat(function.invoke("\"b\"").outcome()).isEqualTo(Invocation.Outcome.THROTTLED);
        assertThat(lines).anyMatch(line -> line.contains("WARNING") && line.contains(invocation.requestId())
                && line.contains("still runs"));

        handler.release.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> function.inFlight() == 0);
        assertThat(function.invoke("\"c\"").outcome()).isEqualTo(Invocation.Outcome.SUCCEEDED);
    }

    static final class SleepyHandler implements RequestHandler<String, String> {
        final CountDownLatch interrupted = new CountDownLatch(1);

        @Override
        public String handleRequest(String input, Context context) {
            try {
                new CountDownLatch(1).await();
                return "never";
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    @Test
    void invoke_pastTimeout_interruptsHandlerThread() {
        SleepyHandler handler = new SleepyHandler();
        LocalFunction function = function(handler, 1, Duration.ofMillis(200));

        assertThat(function.invoke("\"a\"").outcome()).isEqualTo(Invocation.Outcome.TIMED_OUT);

        await().atMost(Duration.ofSeconds(5)).until(() -> handler.interrupted.getCount() == 0 && function.inFlight() == 0);
    }

    static final class FailingHandler implements RequestHandler<String, String> {
        @Override
        public String handleRequest(String input, Context context) {
            throw new IllegalStateException("no such job: " + input);
        }
    }

    @Test
    void invoke_handlerThrows_failsWithLambdaErrorDocument() {
        Invocation invocation = function(new FailingHandler(), 1, Duration.ofSeconds(5)).invoke("\"j1\"");

        assertThat(invocation.outcome()).isEqualTo(Invocation.Outcome.FAILED);
        JsonObject error = JsonParser.parseString(invocation.payload()).getAsJsonObject();
        assertThat(error.get("errorMessage").getAsString()).isEqualTo("no such job: j1");
        assertThat(error.get("errorType").getAsString()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.getAsJsonArray("stackTrace").get(0).getAsString())
                .startsWith(FailingHandler.class.getName() + ".handleRequest(LocalFunctionTest.java:");
    }

    static final class ContextHandler implements RequestHandler<String, Map<String, Object>> {
        @Override
        public Map<String, Object> handleRequest(String input, Context context) {
            context.getLogger().log("handling " + input + "\n");
            Map<String, Object> seen = new LinkedHashMap<>();
            seen.put("remaining", context.getRemainingTimeInMillis());
            seen.put("requestId", context.getAwsRequestId());
            seen.put("name", context.getFunctionName());
            seen.put("version", context.getFunctionVersion());
            seen.put("arn", context.getInvokedFunctionArn());
            seen.put("memory", context.getMemoryLimitInMB());
            seen.put("group", context.getLogGroupName());
            seen.put("stream", context.getLogStreamName());
            seen.put("identityAndClientAreNull", context.getIdentity() == null && context.getClientContext() == null);
            return seen;
        }
    }

    @Test
    void invoke_contextDescribesFunctionAndCountsDownToTimeout() {
        Invocation invocation = function(new ContextHandler(), 1, Duration.ofSeconds(7)).invoke("\"x\"");

        JsonObject seen = JsonParser.parseString(invocation.payload()).getAsJsonObject();
        assertThat(seen.get("remaining").getAsInt()).isBetween(1, 7000);
        assertThat(seen.get("requestId").getAsString()).isEqualTo(invocation.requestId());
        assertThat(seen.get("name").getAsString()).isEqualTo("TestFunction");
        assertThat(seen.get("version").getAsString()).isEqualTo("$LATEST");
        assertThat(seen.get("arn").getAsString()).isEqualTo("arn:aws:lambda:eu-west-1:123456789012:function:TestFunction:live");
        assertThat(seen.get("memory").getAsInt()).isEqualTo(512);
        assertThat(seen.get("group").getAsString()).isEqualTo("/aws/lambda/TestFunction");
        assertThat(seen.get("stream").getAsString()).matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST][0-9a-f]{32}");
        assertThat(seen.get("identityAndClientAreNull").getAsBoolean()).isTrue();
        String id = invocation.requestId();
        assertThat(lines).containsSubsequence(
                "TestFunction START RequestId: " + id + " Version: $LATEST",
                "TestFunction handling x",
                "TestFunction END RequestId: " + id);
        assertThat(lines.get(lines.size() - 1))
                .matches("TestFunction REPORT RequestId: " + id
                        + "\tDuration: \\d+\\.\\d{2} ms\tBilled Duration: \\d+ ms\tMemory Size: 512 MB");
    }

    static final class RemainingHandler implements RequestHandler<String, Integer> {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicReference<Integer> remainingAfterRelease = new AtomicReference<>();

        @Override
        public Integer handleRequest(String input, Context context) {
            try {
                release.await();
            } catch (InterruptedException e) {
                // The timeout interrupts; keep waiting, to read the clock past the deadline.
                try {
                    release.await();
                } catch (InterruptedException again) {
                    Thread.currentThread().interrupt();
                }
            }
            remainingAfterRelease.set(context.getRemainingTimeInMillis());
            return remainingAfterRelease.get();
        }
    }

    @Test
    void contextRemainingTime_pastDeadline_isZeroNotNegative() {
        RemainingHandler handler = new RemainingHandler();
        LocalFunction function = function(handler, 1, Duration.ofMillis(100));
        assertThat(function.invoke("\"a\"").outcome()).isEqualTo(Invocation.Outcome.TIMED_OUT);

        handler.release.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> handler.remainingAfterRelease.get() != null);
        assertThat(handler.remainingAfterRelease.get()).isZero();
    }

    @Test
    void close_refusesNewInvocationsAndWaitsForRunningOnes() {
        BlockingHandler handler = new BlockingHandler();
        LocalFunction function = function(handler, 2, Duration.ofSeconds(30));
        CompletableFuture<Invocation> running = CompletableFuture.supplyAsync(() -> function.invoke("\"a\""));
        await().atMost(Duration.ofSeconds(5)).until(() -> function.inFlight() == 1);
        CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(() -> function.close(Duration.ofSeconds(30)));
        await().atMost(Duration.ofSeconds(5)).until(() -> function.invoke("\"b\"").outcome() == Invocation.Outcome.FAILED);

        Invocation refused = function.invoke("\"c\"");

        assertThat(JsonParser.parseString(refused.payload()).getAsJsonObject().get("errorType").getAsString())
                .isEqualTo("Local.ShuttingDown");
        assertThat(closed).isNotDone();
        handler.release.countDown();
        assertThat(closed.join()).isTrue();
        assertThat(running.join().outcome()).isEqualTo(Invocation.Outcome.SUCCEEDED);
    }

    @Test
    void close_graceRunsOut_returnsFalse() {
        BlockingHandler handler = new BlockingHandler();
        LocalFunction function = function(handler, 1, Duration.ofSeconds(30));
        CompletableFuture<Invocation> running = CompletableFuture.supplyAsync(() -> function.invoke("\"a\""));
        await().atMost(Duration.ofSeconds(5)).until(() -> function.inFlight() == 1);

        assertThat(function.close(Duration.ofMillis(100))).isFalse();

        handler.release.countDown();
        assertThat(running.join().outcome()).isEqualTo(Invocation.Outcome.SUCCEEDED);
    }
}
