package dev.jobwire.core.port;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.JsonText;
import dev.jobwire.core.model.UserId;

/**
 * The bodies of queue messages, shared by every queue adapter and every consumer:
 * jobs {@code {"jobId"}}, notifications {@code {"jobId","userId","seq","frame"}}.
 * Decoding a foreign or damaged body throws {@link IllegalArgumentException}.
 */
public final class QueueCodec {
    private QueueCodec() {
    }

    public static String encodeJob(JobId jobId) {
        JsonObject json = new JsonObject();
        json.addProperty("jobId", jobId.value());
        return json.toString();
    }

    public static JobId decodeJob(String body) {
        JsonObject json = object(body);
        return JobId.of(string(json, "jobId"));
    }

    public static String encodeNotification(Notification notification) {
        JsonObject json = new JsonObject();
        json.addProperty("jobId", notification.jobId().value());
        json.addProperty("userId", notification.userId().value());
        json.addProperty("seq", notification.seq());
        json.addProperty("frame", notification.frame());
        return json.toString();
    }

    public static Notification decodeNotification(String body) {
        JsonObject json = object(body);
        JsonElement seq = json.get("seq");
        if (seq == null || !seq.isJsonPrimitive() || !seq.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException("notification has no numeric seq");
        }
        return new Notification(JobId.of(string(json, "jobId")), UserId.of(string(json, "userId")),
                seq.getAsLong(), string(json, "frame"));
    }

    private static JsonObject object(String body) {
        JsonElement element = JsonText.parse(body);
        if (!element.isJsonObject()) {
            throw new IllegalArgumentException("queue message is not a JSON object");
        }
        return element.getAsJsonObject();
    }

    private static String string(JsonObject json, String field) {
        JsonElement element = json.get(field);
        if (element == null || !element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException("queue message has no string " + field);
        }
        return element.getAsString();
    }
}
