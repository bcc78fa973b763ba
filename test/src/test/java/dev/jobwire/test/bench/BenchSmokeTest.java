package dev.jobwire.test.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobwire.bench.PushCheck;
import dev.jobwire.local.LocalOptions;
import dev.jobwire.local.LocalRuntime;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's push scenario, tiny, against an in-process local runtime: every event of every
 * job reaches every connection of its owner exactly once and in order. Timing is the benchmark's
 * business (bin/bench), never asserted here.
 */
class BenchSmokeTest {
    private static LocalRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(LocalOptions.defaults()
                .withPort(0)
                .withTemplate(Path.of("..", "template.yaml"))
                .withWebappDir(Path.of("..", "webapp")), line -> { });
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void pushScenario_tiny_deliversEveryEventOnceAndInOrderToEveryConnectionOfTheOwner() throws InterruptedException {
        PushCheck.Outcome outcome = PushCheck.run(runtime.webSocketUrl(), runtime::devToken, 3, 3, 5, 5, 10);

        // 5 jobs × (5 progress + succeeded) at each of the owner's 3 connections.
        assertThat(outcome.expected()).as("outcome %s", outcome).isEqualTo(5 * 6 * 3);
        assertThat(outcome.received()).as("outcome %s", outcome).isEqualTo(outcome.expected());
        assertThat(outcome.lost()).as("lost, in %s", outcome).isZero();
        assertThat(outcome.duplicates()).as("duplicated, in %s", outcome).isZero();
        assertThat(outcome.outOfOrder()).as("out of order, in %s", outcome).isZero();
        assertThat(outcome.failedJobs()).as("failed jobs, in %s", outcome).isZero();
        assertThat(outcome.gatewayErrors()).as("error frames, in %s", outcome).isZero();
    }

    @Test
    void pushScenario_tiny_withOneConnectionPerUser_deliversEverything() throws InterruptedException {
        PushCheck.Outcome outcome = PushCheck.run(runtime.webSocketUrl(), runtime::devToken, 3, 1, 5, 5, 0);

        assertThat(outcome.expected()).as("outcome %s", outcome).isEqualTo(5 * 6);
        assertThat(outcome.lost() + outcome.duplicates() + outcome.outOfOrder()).as("outcome %s", outcome).isZero();
    }
}
