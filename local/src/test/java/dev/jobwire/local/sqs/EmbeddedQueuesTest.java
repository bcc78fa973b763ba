package dev.jobwire.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.jobwire.local.template.QueueDef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class EmbeddedQueuesTest {
    private static EmbeddedQueues queues;

    @BeforeAll
    static void start() {
        queues = EmbeddedQueues.start("127.0.0.1", 0, "eu-west-1");
    }

    @AfterAll
    static void stop() {
        queues.close();
    }

    private static Map<QueueAttributeName, String> attributes(String url) {
        return queues.client().getQueueAttributes(request -> request.queueUrl(url)
                .attributeNames(QueueAttributeName.ALL)).attributes();
    }

    @Test
    void create_queueUrlIsEndpointAccountAndName() {
        QueueDef plain = new QueueDef("Plain", "urls-plain", false, false, Duration.ofSeconds(30), Duration.ofDays(4),
                null, 0);

        Map<String, String> urls = queues.create(List.of(plain));

        assertThat(queues.endpoint().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(urls).containsExactly(Map.entry("Plain", queues.endpoint() + "/000000000000/urls-plain"));
        assertThat(queues.arn("Plain")).isEqualTo("arn:aws:sqs:eu-west-1:000000000000:urls-plain");
        assertThat(queues.arn("Plain")).isEqualTo(plain.arn("eu-west-1", EmbeddedQueues.ACCOUNT_ID));
    }

    @Test
    void create_redrivingQueueFirst_createsTargetFirstWithTemplateAttributes() {
        QueueDef jobs = new QueueDef("Jobs", "attrs-jobs.fifo", true, true, Duration.ofSeconds(5400),
                Duration.ofDays(2), "JobsDlq", 3);
        QueueDef dlq = new QueueDef("JobsDlq", "attrs-jobs-dlq.fifo", true, false, Duration.ofSeconds(30),
                Duration.ofDays(14), null, 0);

        Map<String, String> urls = queues.create(List.of(jobs, dlq));

        assertThat(urls.keySet()).containsExactly("JobsDlq", "Jobs");
        Map<QueueAttributeName, String> created = attributes(urls.get("Jobs"));
        assertThat(created).containsEntry(QueueAttributeName.FIFO_QUEUE, "true")
                .containsEntry(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true")
                .containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "5400");
        JsonObject redrive = JsonParser.parseString(created.get(QueueAttributeName.REDRIVE_POLICY)).getAsJsonObject();
        assertThat(redrive.get("deadLetterTargetArn").getAsString()).isEqualTo(queues.arn("JobsDlq"));
        assertThat(redrive.get("maxReceiveCount").getAsInt()).isEqualTo(3);
        Map<QueueAttributeName, String> target = attributes(urls.get("JobsDlq"));
        assertThat(target).containsEntry(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false")
                .containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "30");
    }

    @Test
    void create_redriveTargetMissing_refuses() {
        QueueDef orphan = new QueueDef("Orphan", "orphan", false, false, Duration.ofSeconds(30), Duration.ofDays(4),
                "Nowhere", 2);

        assertThatThrownBy(() -> queues.create(List.of(orphan)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Nowhere");
    }
}
