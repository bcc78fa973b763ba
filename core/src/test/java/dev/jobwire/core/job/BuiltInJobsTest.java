package dev.jobwire.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.jobwire.core.job.builtin.DemoFailJob;
import dev.jobwire.core.job.builtin.DemoSleepJob;
import dev.jobwire.core.job.builtin.StatsReportJob;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltInJobsTest {

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    private static JsonElement run(JobHandler handler, String input, int attempt, RecordingReporter reporter)
            throws Exception {
        JsonObject parsed = json(input);
        handler.validate(parsed);
        return handler.run(new JobContext("J1", parsed, attempt, reporter));
    }

    @Test
    void demoSleep_reportsOneEventPerStepUpTo100() throws Exception {
        RecordingReporter reporter = new RecordingReporter();

        JsonElement result = run(new DemoSleepJob(), "{\"steps\":4,\"delayMs\":0}", 1, reporter);

        assertThat(reporter.reports()).extracting(RecordingReporter.Report::percent).containsExactly(25, 50, 75, 100);
        assertThat(result.getAsJsonObject().get("steps").getAsInt()).isEqualTo(4);
    }

    @Test
    void demoSleep_rejectsBadInput() {
        DemoSleepJob job = new DemoSleepJob();
        assertThatThrownBy(() -> job.validate(json("{\"steps\":0}"))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> job.validate(json("{\"steps\":\"5\"}"))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> job.validate(json("{\"delayMs\":1.5}"))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> job.validate(json("{\"stesp\":3}"))).hasMessageContaining("unknown field 'stesp'");
        assertThatThrownBy(() -> job.validate(json("{\"steps\":11,\"delayMs\":60000}")))
                .hasMessageContaining("at most 600000 ms");
    }

    @Test
    void demoSleep_stopsWhenCancelled() {
        RecordingReporter reporter = new RecordingReporter(2);

        assertThatThrownBy(() -> run(new DemoSleepJob(), "{\"steps\":10,\"delayMs\":0}", 1, reporter))
                .isInstanceOf(JobCancelledException.class);
        assertThat(reporter.reports()).hasSize(2);
    }

    @Test
    void demoFail_modesFailTheirOwnWay() {
        DemoFailJob job = new DemoFailJob();
        assertThatThrownBy(() -> run(job, "{\"failAfterSteps\":2,\"delayMs\":0}", 1, new RecordingReporter()))
                .isInstanceOf(JobFailedException.class)
                .extracting(e -> ((JobFailedException) e).code()).isEqualTo("demo_failure");
        assertThatThrownBy(() -> run(job, "{\"mode\":\"transient\",\"delayMs\":0}", 1, new RecordingReporter()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> run(job, "{\"mode\":\"crash\",\"delayMs\":0}", 1, new RecordingReporter()))
                .isInstanceOf(SimulatedCrash.class);
        assertThatThrownBy(() -> job.validate(json("{\"mode\":\"explode\"}"))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void demoFail_transientSucceedsOnTheAskedAttempt() throws Exception {
        JsonElement result = run(new DemoFailJob(), "{\"mode\":\"transient\",\"delayMs\":0,\"succeedOnAttempt\":2}", 2,
                new RecordingReporter());

        assertThat(result.getAsJsonObject().get("succeededOnAttempt").getAsInt()).isEqualTo(2);
    }

    @Test
    void statsReport_isDeterministicAndReportsMonotonicProgress() throws Exception {
        RecordingReporter first = new RecordingReporter();
        RecordingReporter second = new RecordingReporter();

        JsonElement a = run(new StatsReportJob(), "{\"rows\":20000,\"seed\":7}", 1, first);
        JsonElement b = run(new StatsReportJob(), "{\"rows\":20000,\"seed\":7}", 1, second);

        assertThat(a).isEqualTo(b);
        List<Integer> percents = first.reports().stream().map(RecordingReporter.Report::percent).toList();
        assertThat(percents).hasSizeGreaterThanOrEqualTo(20).isSorted().last().isEqualTo(100);
        JsonObject columns = a.getAsJsonObject().getAsJsonObject("columns");
        assertThat(columns.getAsJsonObject("region").get("distinct").getAsInt()).isEqualTo(5);
        assertThat(columns.getAsJsonObject("quantity").get("min").getAsDouble()).isEqualTo(1);
        assertThat(columns.getAsJsonObject("quantity").get("max").getAsDouble()).isEqualTo(20);
        assertThat(columns.getAsJsonObject("amount").get("count").getAsLong()).isEqualTo(20000);
    }

    @Test
    void statsReport_computesCsvStatistics() throws Exception {
        String csv = "city,temp\\nOslo,1\\nRome,3\\nOslo,5\\nLima,7\\n";

        JsonObject columns = run(new StatsReportJob(), "{\"csv\":\"" + csv + "\"}", 1, new RecordingReporter())
                .getAsJsonObject().getAsJsonObject("columns");

        JsonObject temp = columns.getAsJsonObject("temp");
        assertThat(temp.get("count").getAsLong()).isEqualTo(4);
        assertThat(temp.get("mean").getAsDouble()).isEqualTo(4.0);
        assertThat(temp.get("min").getAsDouble()).isEqualTo(1.0);
        assertThat(temp.get("max").getAsDouble()).isEqualTo(7.0);
        assertThat(temp.get("stddev").getAsDouble()).isCloseTo(Math.sqrt(5), org.assertj.core.data.Offset.offset(1e-4));
        JsonObject city = columns.getAsJsonObject("city");
        assertThat(city.get("distinct").getAsInt()).isEqualTo(3);
        assertThat(city.getAsJsonArray("top").get(0).getAsJsonObject().get("value").getAsString()).isEqualTo("Oslo");
    }

    @Test
    void statsReport_rejectsRaggedCsv() {
        assertThatThrownBy(() -> new StatsReportJob().validate(json("{\"csv\":\"a,b\\n1\"}")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("row 2");
    }

    @Test
    void registry_refusesDuplicateTypesAndFindsBuiltIns() {
        assertThatThrownBy(() -> JobTypeRegistry.of(new DemoSleepJob(), new DemoSleepJob()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(JobTypeRegistry.discover().types()).contains("demo.sleep", "demo.fail", "report.stats");
    }
}
