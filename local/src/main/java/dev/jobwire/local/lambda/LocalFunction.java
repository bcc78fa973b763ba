package dev.jobwire.local.lambda;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.jobwire.local.template.FunctionDef;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One function of the template, run in this JVM the way Lambda runs it.
 *
 * <ul>
 *   <li>The event JSON is deserialised to the handler's input type and the response serialised
 *       with the Lambda Java runtime's own serializers ({@code aws-lambda-java-serialization}); a
 *       null response is the payload {@code null}.</li>
 *   <li>At most {@link #concurrency()} invocations run at once; one more is answered
 *       {@link Invocation.Outcome#THROTTLED} at once, as Lambda's synchronous Invoke answers 429.</li>
 *   <li>Each invocation runs on a thread of its own ({@code fn-<name>-<n>}); the caller waits up to
 *       the function's timeout, then gets {@link Invocation.Outcome#TIMED_OUT} with Lambda's
 *       {@code Sandbox.Timedout} error document, and the handler thread is interrupted. Unlike
 *       Lambda, a JVM cannot kill a thread: a handler that ignores the interrupt keeps running and
 *       <em>keeps its concurrency slot until it really returns</em>; a warning is logged meanwhile.</li>
 *   <li>A handler's exception is {@link Invocation.Outcome#FAILED} with the runtime's error document
 *       ({@code errorMessage}, {@code errorType}, {@code stackTrace}).</li>
 *   <li>{@code START}, {@code END} and {@code REPORT} lines and the handler's own log lines go to the
 *       {@link InvocationLog}.</li>
 * </ul>
 *
 * Thread-safe. After {@link #close(Duration)} starts, every invocation fails at once with
 * {@code Local.ShuttingDown}.
 */
public final class LocalFunction implements FunctionInvoker, AutoCloseable {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
    private static final Duration DEFAULT_CLOSE_GRACE = Duration.ofSeconds(10);
    private static final Duration STUCK_WARNING_AFTER = Duration.ofMillis(100);

    private final FunctionDef def;
    private final HandlerAdapter handler;
    private final ClassLoader handlerLoader;
    private final int concurrency;
    private final String functionArn;
    private final String logStreamName;
    private final InvocationLog log;
    private final AtomicInteger threadSeq = new AtomicInteger();
    private final Object lock = new Object();
    private int inFlight;
    private boolean closing;

    /**
     * @param def         the function as the template defines it
     * @param handler     an instance of its handler class: a {@code RequestHandler} or {@code RequestStreamHandler}
     * @param concurrency how many invocations may run at once, at least 1
     * @param region      the region its ARN names
     * @param accountId   the account its ARN names
     * @param log         where its log lines go
     */
    public LocalFunction(FunctionDef def, Object handler, int concurrency, String region, String accountId,
                         InvocationLog log) {
        this.def = Objects.requireNonNull(def, "def");
        Objects.requireNonNull(handler, "handler");
        if (!"handleRequest".equals(def.handlerMethod())) {
            throw new IllegalArgumentException(def.logicalId() + ": only handleRequest handlers are supported, not "
                    + def.handlerMethod());
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException(def.logicalId() + ": concurrency must be >= 1");
        }
        this.handler = HandlerAdapter.of(handler);
        this.handlerLoader = handler.getClass().getClassLoader();
        this.concurrency = concurrency;
        this.functionArn = "arn:aws:lambda:" + Objects.requireNonNull(region, "region") + ":"
                + Objects.requireNonNull(accountId, "accountId") + ":function:" + def.logicalId() + ":live";
        this.logStreamName = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy/MM/dd"))
                + "/[$LATEST]" + UUID.randomUUID().toString().replace("-", "");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** The function's logical id, which is also its name. */
    public String name() {
        return def.logicalId();
    }

    public FunctionDef definition() {
        return def;
    }

    /** Where this function's log lines go; an event source logs its batch failures here too. */
    public InvocationLog log() {
        return log;
    }

    /** How many invocations may run at once. */
    public int concurrency() {
        return concurrency;
    }

    /** How many handler threads are running now, including ones that outlived their timeout. */
    public int inFlight() {
        synchronized (lock) {
            return inFlight;
        }
    }

    @Override
    public Invocation invoke(String eventJson) {
        Objects.requireNonNull(eventJson, "eventJson");
        String requestId = UUID.randomUUID().toString();
        synchronized (lock) {
            if (closing) {
                return new Invocation(requestId, Invocation.Outcome.FAILED,
                        errorDocument("Function " + name() + " is shutting down", "Local.ShuttingDown"), Duration.ZERO);
            }
            if (inFlight >= concurrency) {
                return new Invocation(requestId, Invocation.Outcome.THROTTLED,
                        errorDocument("Rate Exceeded.", "TooManyRequestsException"), Duration.ZERO);
            }
            inFlight++;
        }
        long started = System.nanoTime();
        long timeoutNanos = def.timeout().toNanos();
        LambdaContext context = new LambdaContext(requestId, name(), functionArn, def.memoryMb(), logStreamName,
                started + timeoutNanos, log);
        CompletableFuture<String> result = new CompletableFuture<>();
        AtomicBoolean timedOut = new AtomicBoolean();
        Thread thread = new Thread(() -> run(eventJson, context, result, timedOut, started),
                "fn-" + name() + "-" + threadSeq.incrementAndGet());
        thread.setDaemon(true);
        thread.setContextClassLoader(handlerLoader);
        log.line(name(), "START RequestId: " + requestId + " Version: $LATEST");
        try {
            thread.start();
        } catch (RuntimeException | Error e) {
            release();
            throw e;
        }

        Invocation.Outcome outcome;
        String payload;
        try {
            payload = result.get(timeoutNanos, TimeUnit.NANOSECONDS);
            outcome = Invocation.Outcome.SUCCEEDED;
        } catch (ExecutionException e) {
            outcome = Invocation.Outcome.FAILED;
            payload = errorDocument(e.getCause());
        } catch (TimeoutException e) {
            timedOut.set(true);
            thread.interrupt();
            outcome = Invocation.Outcome.TIMED_OUT;
            String message = requestId + " Task timed out after "
                    + String.format(Locale.ROOT, "%.2f", timeoutNanos / 1e9) + " seconds";
            payload = errorDocument(message, "Sandbox.Timedout");
            log.line(name(), message);
        } catch (InterruptedException e) {
            // The caller gave up (it is shutting down): the handler must not outlive it unasked.
            thread.interrupt();
            Thread.currentThread().interrupt();
            outcome = Invocation.Outcome.FAILED;
            payload = errorDocument("The caller was interrupted", "Local.Interrupted");
        }
        Duration duration = Duration.ofNanos(Math.min(System.nanoTime() - started, outcome == Invocation.Outcome.TIMED_OUT
                ? timeoutNanos : Long.MAX_VALUE));
        log.line(name(), "END RequestId: " + requestId);
        log.line(name(), report(requestId, duration));
        if (outcome == Invocation.Outcome.TIMED_OUT) {
            warnIfStillRunning(thread, requestId);
        }
        return new Invocation(requestId, outcome, payload, duration);
    }

    private void run(String eventJson, LambdaContext context, CompletableFuture<String> result, AtomicBoolean timedOut,
                     long started) {
        String payload = null;
        Throwable failure = null;
        try {
            payload = handler.handle(eventJson, context);
        } catch (Throwable t) {
            failure = t;
        }
        // Free the slot before answering, so a caller that invokes again right away is not throttled.
        release();
        if (failure == null) {
            result.complete(payload);
        } else {
            result.completeExceptionally(failure);
        }
        if (timedOut.get()) {
            log.line(name(), "WARNING RequestId: " + context.getAwsRequestId() + " thread "
                    + Thread.currentThread().getName() + " ended " + (System.nanoTime() - started) / 1_000_000
                    + " ms after it started, past the timeout; its concurrency slot is free again");
        }
    }

    private void warnIfStillRunning(Thread thread, String requestId) {
        try {
            thread.join(STUCK_WARNING_AFTER.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.line(name(), "WARNING RequestId: " + requestId + " thread " + thread.getName()
                    + " still runs after the timeout and an interrupt; it holds one of " + concurrency
                    + " concurrency slots until it returns");
        }
    }

    private String report(String requestId, Duration duration) {
        double millis = duration.toNanos() / 1e6;
        return "REPORT RequestId: " + requestId
                + "\tDuration: " + String.format(Locale.ROOT, "%.2f", millis) + " ms"
                + "\tBilled Duration: " + (long) Math.ceil(millis) + " ms"
                + "\tMemory Size: " + def.memoryMb() + " MB";
    }

    private void release() {
        synchronized (lock) {
            inFlight--;
            lock.notifyAll();
        }
    }

    /**
     * Refuses new invocations ({@code Local.ShuttingDown}) and waits up to {@code grace} for the
     * running ones. Returns whether none is left running; a thread that ignores its interrupt may
     * still be running when this returns false.
     */
    public boolean close(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (lock) {
            closing = true;
            while (inFlight > 0) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** {@link #close(Duration)} with a grace of 10 seconds. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_GRACE);
    }

    static String errorDocument(String message, String type) {
        JsonObject document = new JsonObject();
        document.addProperty("errorMessage", message);
        document.addProperty("errorType", type);
        return GSON.toJson(document);
    }

    static String errorDocument(Throwable failure) {
        return GSON.toJson(errorObject(failure, 0));
    }

    private static JsonObject errorObject(Throwable failure, int depth) {
        JsonObject document = new JsonObject();
        if (failure.getMessage() != null) {
            document.addProperty("errorMessage", failure.getMessage());
        }
        document.addProperty("errorType", failure.getClass().getName());
        JsonArray stackTrace = new JsonArray();
        for (StackTraceElement frame : failure.getStackTrace()) {
            // The handler's frames end where this runtime's begin, as the Lambda runtime's own frames are left out.
            if (frame.getClassName().startsWith(HandlerAdapter.class.getName())) {
                break;
            }
            stackTrace.add(frame.getClassName() + "." + frame.getMethodName() + "(" + frame.getFileName() + ":"
                    + frame.getLineNumber() + ")");
        }
        document.add("stackTrace", stackTrace);
        Throwable cause = failure.getCause();
        if (cause != null && cause != failure && depth < 8) {
            document.add("cause", errorObject(cause, depth + 1));
        }
        return document;
    }
}
