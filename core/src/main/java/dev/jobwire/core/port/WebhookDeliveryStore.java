package dev.jobwire.core.port;

import dev.jobwire.core.model.JobId;
import dev.jobwire.core.webhook.WebhookDelivery;
import java.util.Optional;

/**
 * The state of each job's webhook delivery, one record per job.
 *
 * <p>Guarantees: {@link #put} is a compare-and-set on {@link WebhookDelivery#version()}, so of
 * racing deliverers of one attempt exactly one wins; reads are strongly consistent. A record past
 * its {@code expiresAt} counts as absent.
 */
public interface WebhookDeliveryStore {

    Optional<WebhookDelivery> get(JobId jobId);

    /**
     * Writes {@code delivery} if the stored record's version is {@code delivery.version() - 1} (or,
     * for version 1, if there is no record). Returns whether it was written.
     */
    boolean put(WebhookDelivery delivery);
}
