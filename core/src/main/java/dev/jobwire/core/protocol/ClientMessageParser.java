package dev.jobwire.core.protocol;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.JobTypes;
import dev.jobwire.core.model.JsonText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a client's text frame into a {@link ClientMessage} or a {@link ProtocolError}. Never
 * throws: malformed JSON, unknown actions, wrong types, missing fields and oversized values all
 * become errors.
 */
public final class ClientMessageParser {

    /** API Gateway's limit for one WebSocket message. */
    public static final int MAX_MESSAGE_BYTES = 128 * 1024;
    /** The largest job input accepted, as compact JSON. */
    public static final int MAX_INPUT_BYTES = 64 * 1024;
    public static final int MAX_RESUME_JOBS = 100;
    public static final int MAX_ID_LENGTH = 128;
    public static final int MAX_URL_LENGTH = 2048;

    private static final Set<String> ACTIONS = Set.of("submit", "resume", "cancel", "status", "ping");

    private ClientMessageParser() {
    }

    /** The outcome of parsing one frame. */
    public sealed interface Result {
    }

    public record Parsed(ClientMessage message) implements Result {
        public Parsed {
            Objects.requireNonNull(message, "message");
        }
    }

    public record Rejected(ProtocolError error) implements Result {
        public Rejected {
            Objects.requireNonNull(error, "error");
        }
    }

    public static Result parse(String body) {
        if (body == null || body.isBlank()) {
            return reject(ErrorCode.BAD_REQUEST, "the message is empty; send a JSON object with an action", null);
        }
        if (body.length() > MAX_MESSAGE_BYTES || body.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
            return reject(ErrorCode.PAYLOAD_TOO_LARGE, "the message is larger than 128 KB", null);
        }
        JsonElement root;
        try {
            root = JsonText.parse(body);
        } catch (IllegalArgumentException e) {
            return reject(ErrorCode.BAD_REQUEST, "the message is not valid JSON", null);
        }
        if (!root.isJsonObject()) {
            return reject(ErrorCode.BAD_REQUEST, "the message must be a JSON object", null);
        }
        JsonObject json = root.getAsJsonObject();
        String requestId;
        try {
            requestId = optionalString(json, "requestId", MAX_ID_LENGTH);
        } catch (BadField e) {
            return reject(ErrorCode.BAD_REQUEST, e.getMessage(), null);
        }
        try {
            String action = requiredString(json, "action", 64);
            if (!ACTIONS.contains(action)) {
                return reject(ErrorCode.UNKNOWN_ACTION, "unknown action '" + action
                        + "'; expected one of submit, resume, cancel, status, ping", requestId);
            }
            ClientMessage message = switch (action) {
                case "submit" -> submit(json, requestId);
                case "resume" -> resume(json, requestId);
                case "cancel" -> new ClientMessage.Cancel(jobId(json), requestId);
                case "status" -> new ClientMessage.Status(jobId(json), requestId);
                default -> new ClientMessage.Ping(requestId);
            };
            return new Parsed(message);
        } catch (BadField e) {
            return reject(e.code, e.getMessage(), requestId);
        }
    }

    /** An action name that the parser does not know, so that callers can route it to {@code $default}. */
    public static boolean isKnownAction(String action) {
        return ACTIONS.contains(action);
    }

    private static ClientMessage.Submit submit(JsonObject json, String requestId) {
        String type = requiredString(json, "type", 64);
        if (!JobTypes.isValidName(type)) {
            throw new BadField("type '" + type + "' is not a valid job type name");
        }
        JsonElement input = json.get("input");
        String inputJson;
        if (input == null || input.isJsonNull()) {
            inputJson = "{}";
        } else if (input.isJsonObject()) {
            inputJson = input.toString();
            if (inputJson.getBytes(StandardCharsets.UTF_8).length > MAX_INPUT_BYTES) {
                throw new BadField(ErrorCode.PAYLOAD_TOO_LARGE, "input is larger than 64 KB");
            }
        } else {
            throw new BadField("input must be a JSON object");
        }
        String idempotencyKey = optionalString(json, "idempotencyKey", MAX_ID_LENGTH);
        String callbackUrl = optionalString(json, "callbackUrl", MAX_URL_LENGTH);
        return new ClientMessage.Submit(type, inputJson, idempotencyKey, callbackUrl, requestId);
    }

    private static ClientMessage.Resume resume(JsonObject json, String requestId) {
        JsonElement jobs = json.get("jobs");
        if (jobs == null || jobs.isJsonNull()) {
            throw new BadField("jobs is required: a list of {jobId, afterSeq}");
        }
        if (!jobs.isJsonArray()) {
            throw new BadField("jobs must be a list of {jobId, afterSeq}");
        }
        if (jobs.getAsJsonArray().size() > MAX_RESUME_JOBS) {
            throw new BadField("jobs may name at most " + MAX_RESUME_JOBS + " jobs");
        }
        List<ClientMessage.Position> positions = new ArrayList<>();
        Set<JobId> seen = new HashSet<>();
        for (JsonElement item : jobs.getAsJsonArray()) {
            if (!item.isJsonObject()) {
                throw new BadField("each entry of jobs must be an object {jobId, afterSeq}");
            }
            JobId jobId = jobId(item.getAsJsonObject());
            long afterSeq = optionalNonNegativeLong(item.getAsJsonObject(), "afterSeq");
            if (!seen.add(jobId)) {
                throw new BadField("jobs names " + jobId + " twice");
            }
            positions.add(new ClientMessage.Position(jobId, afterSeq));
        }
        return new ClientMessage.Resume(positions, requestId);
    }

    private static JobId jobId(JsonObject json) {
        String value = requiredString(json, "jobId", 64);
        if (!JobId.isValid(value)) {
            throw new BadField("jobId is not a valid job id");
        }
        return JobId.of(value);
    }

    private static String requiredString(JsonObject json, String field, int maxLength) {
        String value = optionalString(json, field, maxLength);
        if (value == null) {
            throw new BadField(field + " is required");
        }
        return value;
    }

    private static String optionalString(JsonObject json, String field, int maxLength) {
        JsonElement element = json.get(field);
        if (element == null || element.isJsonNull()) {
            return null;
        }
        if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString()) {
            throw new BadField(field + " must be a string");
        }
        String value = element.getAsString();
        if (value.isEmpty()) {
            throw new BadField(field + " must not be empty");
        }
        if (value.length() > maxLength) {
            throw new BadField(field + " is longer than " + maxLength + " characters");
        }
        return value;
    }

    private static long optionalNonNegativeLong(JsonObject json, String field) {
        JsonElement element = json.get(field);
        if (element == null || element.isJsonNull()) {
            return 0;
        }
        if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isNumber()) {
            throw new BadField(field + " must be a whole number >= 0");
        }
        JsonPrimitive primitive = element.getAsJsonPrimitive();
        try {
            long value = primitive.getAsBigDecimal().longValueExact();
            if (value < 0) {
                throw new BadField(field + " must be a whole number >= 0");
            }
            return value;
        } catch (ArithmeticException | NumberFormatException e) {
            throw new BadField(field + " must be a whole number >= 0");
        }
    }

    private static Rejected reject(ErrorCode code, String message, String requestId) {
        return new Rejected(new ProtocolError(code, message, requestId));
    }

    private static final class BadField extends RuntimeException {
        private final ErrorCode code;

        BadField(String message) {
            this(ErrorCode.BAD_REQUEST, message);
        }

        BadField(ErrorCode code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }
}
