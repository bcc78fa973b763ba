package dev.jobwire.core.usecase;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.jobwire.core.model.Job;
import dev.jobwire.core.model.JobEvent;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.JobStatus;
import dev.jobwire.core.model.JsonText;
import dev.jobwire.core.model.UserId;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.JobEventLog;
import dev.jobwire.core.port.JobStore;
import dev.jobwire.core.port.ResultStore;
import dev.jobwire.core.port.TokenVerifier;
import dev.jobwire.core.port.WebhookDeliveryStore;
import dev.jobwire.core.protocol.ClientMessage;
import dev.jobwire.core.protocol.ClientMessageParser;
import dev.jobwire.core.protocol.ErrorCode;
import dev.jobwire.core.protocol.Frames;
import dev.jobwire.core.protocol.JobView;
import dev.jobwire.core.protocol.ServerFrame;
import dev.jobwire.core.webhook.WebhookDelivery;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP API: submit with {@code 202 Accepted}, poll, page through events, cancel, list, and
 * fetch large results. One request in, one response out; the Lambda handler only translates.
 *
 * <p>Every request carries {@code Authorization: Bearer <JWT>}, verified here with the same
 * {@link TokenVerifier} as the WebSocket's {@code $connect}. Jobs are scoped to the token's user:
 * another user's job is 404, never 403, so ids leak nothing. Errors are
 * {@code application/problem+json} (RFC 9457) whose {@code code} is the WebSocket protocol's
 * error code. Never throws: an unexpected failure is a 500 problem.
 */
public final class HttpRequests {
    private static final Logger LOG = Logger.getLogger(HttpRequests.class.getName());

    public static final String SUBMIT = "POST /jobs";
    public static final String LIST = "GET /jobs";
    public static final String GET = "GET /jobs/{id}";
    public static final String CANCEL = "DELETE /jobs/{id}";
    public static final String EVENTS = "GET /jobs/{id}/events";
    public static final String RESULT = "GET /jobs/{id}/result";
    /** Every route key this API answers: the template's HTTP API routes must be these. */
    public static final Set<String> ROUTE_KEYS = Set.of(SUBMIT, LIST, GET, CANCEL, EVENTS, RESULT);

    public static final int DEFAULT_PAGE = 100;
    public static final int MAX_PAGE = 100;
    public static final int DEFAULT_LIST = 20;
    public static final int MAX_LIST = 100;
    /** The most a page of events carries, well inside Lambda's 6 MB response limit. */
    static final int MAX_PAGE_BYTES = 4 * 1024 * 1024;
    private static final String PROBLEM_TYPE = "urn:jobwire:problem:";

    private final TokenVerifier tokens;
    private final JobStore jobs;
    private final JobEventLog events;
    private final JobCommands commands;
    private final ResultStore results;
    private final WebhookDeliveryStore deliveries;
    private final String apiUrl;
    private final Clock clock;

    /**
     * @param results    where large results are kept; null when there are none
     * @param deliveries webhook delivery records; null when webhooks are off
     * @param apiUrl     this API's base URL ({@code https://…/prod}), for {@code Location}
     */
    public HttpRequests(TokenVerifier tokens, JobStore jobs, JobEventLog events, JobCommands commands,
                        ResultStore results, WebhookDeliveryStore deliveries, String apiUrl, Clock clock) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.events = Objects.requireNonNull(events, "events");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.results = results;
        this.deliveries = deliveries;
        Objects.requireNonNull(apiUrl, "apiUrl");
        this.apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * One request, as the API Gateway route matched it.
     *
     * @param routeKey       such as {@code GET /jobs/{id}}
     * @param pathParameters such as {@code id}
     * @param query          query string parameters
     * @param headers        by lower-case name
     * @param body           the body as text, or null
     */
    public record Request(String routeKey, Map<String, String> pathParameters, Map<String, String> query,
                          Map<String, String> headers, String body) {
        public Request {
            Objects.requireNonNull(routeKey, "routeKey");
            pathParameters = pathParameters == null ? Map.of() : Map.copyOf(pathParameters);
            query = query == null ? Map.of() : Map.copyOf(query);
            Map<String, String> lower = new LinkedHashMap<>();
            if (headers != null) {
                headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
            }
            headers = Map.copyOf(lower);
        }

        String header(String name) {
            return headers.get(name);
        }
    }

    /** One response; {@code body} is JSON text (or empty). */
    public record Response(int status, Map<String, String> headers, String body) {
        public Response {
            headers = Map.copyOf(headers);
            Objects.requireNonNull(body, "body");
        }
    }

    public Response handle(Request request) {
        try {
            if (!ROUTE_KEYS.contains(request.routeKey())) {
                return problem(ErrorCode.NOT_FOUND, 404, "no route " + request.routeKey(), null);
            }
            Optional<UserId> user = authenticate(request);
            if (user.isEmpty()) {
                return unauthorized(request);
            }
            return switch (request.routeKey()) {
                case SUBMIT -> submit(user.get(), request);
                case LIST -> list(user.get(), request);
                default -> withJob(user.get(), request);
            };
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, request.routeKey() + " failed", e);
            return problem(ErrorCode.INTERNAL, 500, "the server could not complete the request; it is safe to retry",
                    null);
        }
    }

    private Optional<UserId> authenticate(Request request) {
        String token = bearer(request);
        if (token == null) {
            return Optional.empty();
        }
        TokenVerifier.Verification verification = tokens.verify(token);
        return verification instanceof TokenVerifier.Valid valid ? Optional.of(valid.userId()) : Optional.empty();
    }

    private static String bearer(Request request) {
        String authorization = request.header("authorization");
        if (authorization == null || authorization.length() < 7
                || !authorization.substring(0, 7).equalsIgnoreCase("Bearer ")) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    private Response unauthorized(Request request) {
        String token = bearer(request);
        String detail;
        String challenge;
        if (token == null) {
            detail = "send Authorization: Bearer <JWT>";
            challenge = "Bearer realm=\"jobwire\"";
        } else {
            TokenVerifier.Verification verification = tokens.verify(token);
            detail = verification instanceof TokenVerifier.Invalid invalid ? invalid.reason() : "invalid token";
            challenge = "Bearer realm=\"jobwire\", error=\"invalid_token\"";
        }
        Response problem = problem(ErrorCode.UNAUTHORIZED, 401, detail, null);
        Map<String, String> headers = new LinkedHashMap<>(problem.headers());
        headers.put("WWW-Authenticate", challenge);
        return new Response(401, headers, problem.body());
    }

    private Response submit(UserId user, Request request) {
        String body = request.body();
        if (body == null || body.isBlank()) {
            return problem(ErrorCode.BAD_REQUEST, 400, "the body is empty; send a JSON object {type, input, "
                    + "callbackUrl?}", null);
        }
        if (body.length() > ClientMessageParser.MAX_MESSAGE_BYTES
                || body.getBytes(StandardCharsets.UTF_8).length > ClientMessageParser.MAX_MESSAGE_BYTES) {
            return problem(ErrorCode.PAYLOAD_TOO_LARGE, 413, "the body is larger than 128 KB", null);
        }
        JsonObject json;
        try {
            JsonElement parsed = JsonText.parse(body);
            if (!parsed.isJsonObject()) {
                return problem(ErrorCode.BAD_REQUEST, 400, "the body must be a JSON object", null);
            }
            json = parsed.getAsJsonObject();
        } catch (IllegalArgumentException e) {
            return problem(ErrorCode.BAD_REQUEST, 400, "the body is not valid JSON", null);
        }
        // The same validation as a WebSocket submit, so both transports accept exactly the same jobs.
        json.remove("requestId");
        json.remove("idempotencyKey");
        json.addProperty("action", "submit");
        String key = request.header("idempotency-key");
        if (key != null) {
            json.addProperty("idempotencyKey", key.strip());
        }
        ClientMessageParser.Result parsed = ClientMessageParser.parse(json.toString());
        if (parsed instanceof ClientMessageParser.Rejected rejected) {
            String detail = rejected.error().message().replace("idempotencyKey", "Idempotency-Key");
            return problem(rejected.error().code(), status(rejected.error().code()), detail, null);
        }
        ClientMessage.Submit submit = (ClientMessage.Submit) ((ClientMessageParser.Parsed) parsed).message();
        JobCommands.Outcome outcome = commands.submit(user, new JobCommands.SubmitRequest(submit.type(),
                submit.input(), submit.idempotencyKey(), submit.callbackUrl()));
        if (outcome instanceof JobCommands.Refused refused) {
            // A key reused for another request is a client error about the payload (draft-ietf-httpapi-idempotency-key-header).
            int status = refused.code() == ErrorCode.CONFLICT ? 422 : status(refused.code());
            return problem(refused.code(), status, refused.message(), refused.jobId());
        }
        JobCommands.Submitted submitted = (JobCommands.Submitted) outcome;
        Job job = submitted.job();
        JsonObject accepted = new JsonObject();
        accepted.addProperty("jobId", job.jobId().value());
        accepted.addProperty("status", job.status().name());
        if (submitted.duplicate()) {
            accepted.addProperty("duplicate", true);
        }
        Map<String, String> headers = jsonHeaders();
        headers.put("Location", apiUrl + "/jobs/" + job.jobId().value());
        retryAfter(job, headers);
        return new Response(202, headers, accepted.toString());
    }

    private Response list(UserId user, Request request) {
        Integer limit = intParameter(request, "limit", DEFAULT_LIST, 1, MAX_LIST);
        if (limit == null) {
            return problem(ErrorCode.BAD_REQUEST, 400, "limit must be a whole number from 1 to " + MAX_LIST, null);
        }
        JsonArray list = new JsonArray();
        for (Job job : jobs.listByUser(user, limit)) {
            list.add(view(job, false));
        }
        JsonObject body = new JsonObject();
        body.add("jobs", list);
        return new Response(200, jsonHeaders(), body.toString());
    }

    private Response withJob(UserId user, Request request) {
        String id = request.pathParameters().get("id");
        if (!JobId.isValid(id)) {
            return problem(ErrorCode.NOT_FOUND, 404, "no job " + id, null);
        }
        JobId jobId = JobId.of(id);
        if (request.routeKey().equals(CANCEL)) {
            // Cancel reads the job and checks its owner itself (404 for another user's job).
            return cancel(user, jobId);
        }
        Optional<Job> found = jobs.get(jobId).filter(job -> job.userId().equals(user));
        if (found.isEmpty()) {
            return problem(ErrorCode.NOT_FOUND, 404, "no job " + jobId, jobId);
        }
        return switch (request.routeKey()) {
            case GET -> get(found.get());
            case EVENTS -> events(found.get(), request);
            default -> result(found.get());
        };
    }

    private Response get(Job job) {
        Map<String, String> headers = jsonHeaders();
        retryAfter(job, headers);
        return new Response(200, headers, view(job, true).toString());
    }

    private Response cancel(UserId user, JobId jobId) {
        JobCommands.Outcome outcome = commands.cancel(user, jobId);
        if (outcome instanceof JobCommands.Refused refused) {
            return problem(refused.code(), status(refused.code()), refused.message(), refused.jobId());
        }
        Job current = ((JobCommands.Cancelling) outcome).job();
        JsonObject body = new JsonObject();
        body.addProperty("jobId", current.jobId().value());
        body.addProperty("status", current.status().name());
        body.addProperty("cancelRequested", true);
        Map<String, String> headers = jsonHeaders();
        retryAfter(current, headers);
        return new Response(202, headers, body.toString());
    }

    private Response events(Job job, Request request) {
        Integer limit = intParameter(request, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
        Long afterSeq = longParameter(request, "afterSeq");
        if (limit == null) {
            return problem(ErrorCode.BAD_REQUEST, 400, "limit must be a whole number from 1 to " + MAX_PAGE,
                    job.jobId());
        }
        if (afterSeq == null) {
            return problem(ErrorCode.BAD_REQUEST, 400, "afterSeq must be a whole number >= 0", job.jobId());
        }
        List<JobEvent> page = events.read(job.jobId(), afterSeq, limit);
        JsonArray frames = new JsonArray();
        long next = afterSeq;
        int bytes = 0;
        boolean truncated = false;
        for (JobEvent event : page) {
            String frame = Frames.event(event);
            int frameBytes = frame.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (bytes + frameBytes > MAX_PAGE_BYTES && !frames.isEmpty()) {
                truncated = true;
                break;
            }
            if (event.seq() > next + 1) {
                frames.add(JsonText.parse(Frames.write(new ServerFrame.Gap(job.jobId(), next + 1, event.seq() - 1))));
            }
            frames.add(JsonText.parse(frame));
            bytes += frameBytes;
            next = event.seq();
        }
        // The row's lastSeq is read before the log: when the log has nothing after it, the
        // events up to it have expired, which a gap says, as on the WebSocket.
        if (page.isEmpty() && job.lastSeq() > next) {
            frames.add(JsonText.parse(Frames.write(new ServerFrame.Gap(job.jobId(), next + 1, job.lastSeq()))));
            next = job.lastSeq();
        }
        boolean more = truncated || (page.size() == limit
                && events.latest(job.jobId()).map(JobEvent::seq).orElse(0L) > next);
        JsonObject body = new JsonObject();
        body.addProperty("jobId", job.jobId().value());
        // The row as read before the log: a status read after it could be terminal while the page
        // stops short of the terminal event.
        body.addProperty("status", job.status().name());
        body.add("events", frames);
        body.addProperty("nextAfterSeq", next);
        body.addProperty("more", more);
        return new Response(200, jsonHeaders(), body.toString());
    }

    private Response result(Job job) {
        if (job.status() != JobStatus.SUCCEEDED) {
            Response problem = problem(ErrorCode.CONFLICT, 409, job.status().isTerminal()
                    ? "the job ended " + job.status() + "; it has no result"
                    : "the job is " + job.status() + "; its result is not there yet", job.jobId());
            Map<String, String> headers = new LinkedHashMap<>(problem.headers());
            retryAfter(job, headers);
            return new Response(409, headers, problem.body());
        }
        Optional<String> result = job.result() != null ? Optional.of(job.result())
                : results == null ? Optional.empty() : results.get(job.jobId());
        if (result.isEmpty()) {
            return problem(ErrorCode.NOT_FOUND, 404, "the result of job " + job.jobId() + " is no longer kept",
                    job.jobId());
        }
        return new Response(200, jsonHeaders(), result.get());
    }

    /** The job as {@code GET /jobs/{id}} shows it: the WebSocket's {@code status} view, plus webhook state. */
    private JsonObject view(Job job, boolean withWebhook) {
        JsonObject json = Frames.job(JobView.of(job));
        if (withWebhook && job.callbackUrl() != null) {
            json.add("webhook", webhook(job));
        }
        return json;
    }

    private JsonObject webhook(Job job) {
        JsonObject json = new JsonObject();
        Optional<WebhookDelivery> delivery = deliveries == null ? Optional.empty() : deliveries.get(job.jobId());
        if (delivery.isEmpty()) {
            json.addProperty("status", job.status().isTerminal() ? "PENDING" : "WAITING");
            json.addProperty("attempts", 0);
            return json;
        }
        WebhookDelivery d = delivery.get();
        json.addProperty("status", d.status().name());
        json.addProperty("eventId", d.eventId());
        json.addProperty("attempts", d.attempts());
        if (d.attemptStartedAt() != null) {
            json.addProperty("lastAttemptAt", d.attemptStartedAt().toEpochMilli());
        }
        if (d.lastStatus() > 0) {
            json.addProperty("lastStatus", d.lastStatus());
        }
        if (d.lastError() != null) {
            json.addProperty("lastError", d.lastError());
        }
        if (d.nextAttemptAt() != null) {
            json.addProperty("nextAttemptAt", d.nextAttemptAt().toEpochMilli());
        }
        return json;
    }

    /**
     * Tells pollers of an unfinished job when to look again: a tenth of the job's age, from 1 to
     * 30 seconds, so short jobs are seen finishing quickly and long ones are not polled hard.
     */
    private void retryAfter(Job job, Map<String, String> headers) {
        if (job.status().isTerminal()) {
            return;
        }
        long age = Math.max(0, Duration.between(job.createdAt(), clock.now()).toSeconds());
        headers.put("Retry-After", Long.toString(Math.max(1, Math.min(30, age / 10))));
    }

    private static Integer intParameter(Request request, String name, int fallback, int min, int max) {
        String value = request.query().get(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            return number < min || number > max ? null : number;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long longParameter(Request request, String name) {
        String value = request.query().get(name);
        if (value == null || value.isEmpty()) {
            return 0L;
        }
        try {
            long number = Long.parseLong(value);
            return number < 0 ? null : number;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Map<String, String> jsonHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Cache-Control", "no-store");
        return headers;
    }

    static int status(ErrorCode code) {
        return switch (code) {
            case BAD_REQUEST -> 400;
            case UNAUTHORIZED -> 401;
            case NOT_FOUND, UNKNOWN_ACTION -> 404;
            case CONFLICT -> 409;
            case PAYLOAD_TOO_LARGE -> 413;
            case RATE_LIMITED -> 429;
            case INTERNAL -> 500;
        };
    }

    /** An RFC 9457 problem; {@code code} is the WebSocket protocol's error code. */
    static Response problem(ErrorCode code, int status, String detail, JobId jobId) {
        JsonObject json = new JsonObject();
        json.addProperty("type", PROBLEM_TYPE + code.wireName());
        json.addProperty("title", title(status));
        json.addProperty("status", status);
        json.addProperty("detail", detail);
        json.addProperty("code", code.wireName());
        if (jobId != null) {
            json.addProperty("jobId", jobId.value());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/problem+json");
        headers.put("Cache-Control", "no-store");
        return new Response(status, headers, json.toString());
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            default -> "Internal Server Error";
        };
    }
}
