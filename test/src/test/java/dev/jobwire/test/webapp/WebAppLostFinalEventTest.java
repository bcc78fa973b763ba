package dev.jobwire.test.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobwire.local.LocalRuntime;
import dev.jobwire.local.gateway.ManagementFaults;
import java.time.Duration;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A job's final event whose push runs out of retries ends in the notify dead-letter queue, and no
 * later event reveals it as a jump in seq. The page, told to resume a job silent for 2 s, still
 * ends with the whole history and the outcome.
 */
class WebAppLostFinalEventTest {
    @RegisterExtension
    static final WebAppRuntime RUNTIME = new WebAppRuntime(options -> options
            .withRetryFailedAfter(Duration.ofMillis(500)));
    @RegisterExtension
    final Browser browser = new Browser();

    @AfterEach
    void letEveryFramePass() {
        runtime().managementFaults().stopFailingFrames();
    }

    private static LocalRuntime runtime() {
        return RUNTIME.runtime();
    }

    @Test
    void finalEventDeadLettered_pageResumesTheSilentJob_andEndsWithEveryEventOnce() {
        JobPage page = browser.page();
        page.open(runtime().baseUrl().resolve("/?quietResyncMs=2000"));
        page.getDevToken("lost-final-user");
        page.waitConnected();
        runtime().managementFaults().failFrames(frame -> frame.contains("\"type\":\"succeeded\""),
                ManagementFaults.Fault.throttled());

        String jobId = page.submit("demo.sleep", "{\"steps\": 3, \"delayMs\": 100}");

        try (SqsClient sqs = sqsClient()) {
            String deadLetters = sqs.getQueueUrl(request -> request.queueName(
                    runtime().template().queues().get("NotifyDeadLetterQueue").queueName())).queueUrl();
            Awaitility.await("the succeeded event in the notify dead-letter queue").atMost(Duration.ofSeconds(60))
                    .until(() -> sqs.getQueueAttributes(request -> request.queueUrl(deadLetters)
                            .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes()
                            .values().stream().mapToInt(Integer::parseInt).sum() >= 1);
        }
        assertThat(page.status(jobId)).as("status before the push path works again").isEqualTo("RUNNING");
        assertThat(page.heldSeqs(jobId)).containsExactly(1L, 2L, 3L);
        runtime().managementFaults().stopFailingFrames();

        page.waitForStatus(jobId, "SUCCEEDED", Duration.ofSeconds(30));
        assertThat(page.heldSeqs(jobId)).containsExactlyElementsOf(LongStream.rangeClosed(1, 4).boxed().toList());
        assertThat(page.appliedEvents(jobId)).hasSize(4);
        assertThat(page.connectionCounter("data-quiet-resyncs")).isGreaterThanOrEqualTo(1);
        assertThat(page.connectionCounter("data-opens")).as("the socket stayed up").isEqualTo(1);
    }

    private static SqsClient sqsClient() {
        return SqsClient.builder()
                .endpointOverride(runtime().sqsEndpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
