package dev.jobwire.core.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.jobwire.core.model.JobError;
import dev.jobwire.core.model.JobEvent;
import dev.jobwire.core.model.JsonText;
import java.util.Map;

/** Writes server frames and job events as the JSON text that goes on the wire. */
public final class Frames {
    private Frames() {
    }

    /**
     * A job event as pushed: {@code {"type","jobId","seq","at", ...body}}. The envelope fields
     * always win over body fields of the same name.
     */
    public static String event(JobEvent event) {
        JsonObject frame = new JsonObject();
        frame.addProperty("type", event.type().wireName());
        frame.addProperty("jobId", event.jobId().value());
        frame.addProperty("seq", event.seq());
        frame.addProperty("at", event.at().toEpochMilli());
        for (Map.Entry<String, JsonElement> field : JsonText.parseObject(event.body()).entrySet()) {
            if (!frame.has(field.getKey())) {
                frame.add(field.getKey(), field.getValue());
            }
        }
        return frame.toString();
    }

    public static String write(ServerFrame frame) {
        JsonObject json = new JsonObject();
        if (frame instanceof ServerFrame.Accepted a) {
            json.addProperty("type", "accepted");
            json.addProperty("jobId", a.jobId().value());
            json.addProperty("status", a.status().name());
            if (a.duplicate()) {
                json.addProperty("duplicate", true);
            }
            requestId(json, a.requestId());
        } else if (frame instanceof ServerFrame.Cancelling c) {
            json.addProperty("type", "cancelling");
            json.addProperty("jobId", c.jobId().value());
            requestId(json, c.requestId());
        } else if (frame instanceof ServerFrame.Status s) {
            json.addProperty("type", "status");
            json.add("job", job(s.job()));
            requestId(json, s.requestId());
        } else if (frame instanceof ServerFrame.Pong p) {
            json.addProperty("type", "pong");
            json.addProperty("at", p.at().toEpochMilli());
            requestId(json, p.requestId());
        } else if (frame instanceof ServerFrame.Gap g) {
            json.addProperty("type", "gap");
            json.addProperty("jobId", g.jobId().value());
            json.addProperty("fromSeq", g.fromSeq());
            json.addProperty("toSeq", g.toSeq());
        } else if (frame instanceof ServerFrame.Resumed r) {
            json.addProperty("type", "resumed");
            JsonArray jobs = new JsonArray();
            for (ServerFrame.JobPosition position : r.jobs()) {
                JsonObject item = new JsonObject();
                item.addProperty("jobId", position.jobId().value());
                item.addProperty("lastSeq", position.lastSeq());
                item.addProperty("status", position.status().name());
                if (position.more()) {
                    item.addProperty("more", true);
                }
                jobs.add(item);
            }
            json.add("jobs", jobs);
            requestId(json, r.requestId());
        } else if (frame instanceof ServerFrame.Error e) {
            json.addProperty("type", "error");
            json.addProperty("code", e.code().wireName());
            json.addProperty("message", e.message());
            if (e.jobId() != null) {
                json.addProperty("jobId", e.jobId().value());
            }
            requestId(json, e.requestId());
        }
        return json.toString();
    }

    /** A job as clients see it, the {@code job} object of a {@code status} frame. */
    public static JsonObject job(JobView view) {
        JsonObject json = new JsonObject();
        json.addProperty("jobId", view.jobId());
        json.addProperty("type", view.type());
        json.addProperty("status", view.status().name());
        json.addProperty("attempts", view.attempts());
        json.addProperty("lastSeq", view.lastSeq());
        json.addProperty("percent", view.percent());
        if (view.message() != null) {
            json.addProperty("message", view.message());
        }
        if (view.result() != null) {
            json.add("result", JsonText.parse(view.result()));
        }
        if (view.resultUrl() != null) {
            json.addProperty("resultUrl", view.resultUrl());
        }
        if (view.error() != null) {
            json.add("error", error(view.error()));
        }
        if (view.cancelRequested()) {
            json.addProperty("cancelRequested", true);
        }
        if (view.createdAt() != null) {
            json.addProperty("createdAt", view.createdAt().toEpochMilli());
        }
        if (view.updatedAt() != null) {
            json.addProperty("updatedAt", view.updatedAt().toEpochMilli());
        }
        return json;
    }

    public static JsonObject error(JobError error) {
        JsonObject json = new JsonObject();
        json.addProperty("code", error.code());
        json.addProperty("message", error.message());
        return json;
    }

    private static void requestId(JsonObject json, String requestId) {
        if (requestId != null) {
            json.addProperty("requestId", requestId);
        }
    }
}
