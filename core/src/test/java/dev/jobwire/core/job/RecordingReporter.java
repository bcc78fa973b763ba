package dev.jobwire.core.job;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Collects progress reports in memory; can be told to cancel after a number of reports. */
public final class RecordingReporter implements ProgressReporter {
    public record Report(int percent, String message) {
    }

    private final List<Report> reports = new ArrayList<>();
    private final int cancelAfter;

    public RecordingReporter() {
        this(Integer.MAX_VALUE);
    }

    public RecordingReporter(int cancelAfter) {
        this.cancelAfter = cancelAfter;
    }

    @Override
    public void report(int percent, String message, JsonObject data) throws JobCancelledException {
        if (reports.size() >= cancelAfter) {
            throw new JobCancelledException();
        }
        reports.add(new Report(percent, message));
    }

    public List<Report> reports() {
        return List.copyOf(reports);
    }
}
