package dev.jobwire.bench;

import com.google.gson.JsonObject;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies recorded in microseconds from any thread (an HdrHistogram {@link Recorder}), read
 * once at the end as a {@link Summary}. Values above an hour are clamped to an hour.
 */
public final class Latencies {
    private static final long MAX_MICROS = 3_600_000_000L;
    private final Recorder recorder = new Recorder(3);
    private final Histogram total = new Histogram(MAX_MICROS, 3);

    void recordMicros(long micros) {
        recorder.recordValue(Math.max(0, Math.min(MAX_MICROS, micros)));
    }

    synchronized Summary summary() {
        total.add(recorder.getIntervalHistogram());
        return Summary.of(total);
    }

    /** Percentiles in milliseconds; {@code count} 0 when nothing was recorded. */
    public record Summary(long count, double p50, double p90, double p99, double p999, double max, double mean) {
        static Summary of(Histogram histogram) {
            if (histogram.getTotalCount() == 0) {
                return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            return new Summary(histogram.getTotalCount(), ms(histogram.getValueAtPercentile(50)),
                    ms(histogram.getValueAtPercentile(90)), ms(histogram.getValueAtPercentile(99)),
                    ms(histogram.getValueAtPercentile(99.9)), ms(histogram.getMaxValue()), histogram.getMean() / 1000.0);
        }

        private static double ms(long micros) {
            return micros / 1000.0;
        }

        JsonObject toJson() {
            JsonObject json = new JsonObject();
            json.addProperty("count", count);
            Results.number(json, "p50Ms", p50);
            Results.number(json, "p90Ms", p90);
            Results.number(json, "p99Ms", p99);
            Results.number(json, "p999Ms", p999);
            Results.number(json, "maxMs", max);
            Results.number(json, "meanMs", mean);
            return json;
        }
    }

    /** Microseconds since the epoch, as precise as the system clock gives them. */
    static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
