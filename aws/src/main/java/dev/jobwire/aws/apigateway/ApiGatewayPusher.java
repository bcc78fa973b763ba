package dev.jobwire.aws.apigateway;

import dev.jobwire.core.model.ConnectionId;
import dev.jobwire.core.port.Pusher;
import java.lang.System.Logger.Level;
import java.util.Objects;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.ForbiddenException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.LimitExceededException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PayloadTooLargeException;

/**
 * A {@link Pusher} over the API Gateway management API ({@code PostToConnection}), sending the
 * frame as UTF-8 text. It never throws for what the gateway or the network can do:
 *
 * <ul>
 *   <li>410 {@code GoneException} → {@link PushResult#GONE}</li>
 *   <li>413 {@code PayloadTooLargeException} → {@link PushResult#TOO_LARGE}; the size is left to
 *       the gateway to judge, so a change of its limit needs no change here</li>
 *   <li>429 {@code LimitExceededException} → {@link PushResult#THROTTLED}</li>
 *   <li>403 {@code ForbiddenException} → {@link PushResult#FAILED}, not GONE: API Gateway answers
 *       410 for a well-formed id whose connection is closed or never existed, and 403 when the
 *       caller may not manage connections or targets the wrong API or stage. Treating 403 as
 *       GONE would make a permission or endpoint mistake delete every live connection; as FAILED
 *       the push is retried and the mistake shows up in the logs and the dead-letter queue.</li>
 *   <li>anything else, 5xx or a client-side failure such as a timeout → {@link PushResult#FAILED}</li>
 * </ul>
 *
 * <p>Retries of throttling and server errors happen first in the SDK client, per its retry
 * mode; the result reports the outcome after those retries.
 */
public final class ApiGatewayPusher implements Pusher {
    private static final System.Logger LOG = System.getLogger(ApiGatewayPusher.class.getName());

    private final ApiGatewayManagementApiClient client;

    public ApiGatewayPusher(ApiGatewayManagementApiClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public PushResult push(ConnectionId connectionId, String frame) {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(frame, "frame");
        try {
            client.postToConnection(request -> request
                    .connectionId(connectionId.value())
                    .data(SdkBytes.fromUtf8String(frame)));
            return PushResult.DELIVERED;
        } catch (GoneException e) {
            return PushResult.GONE;
        } catch (PayloadTooLargeException e) {
            return PushResult.TOO_LARGE;
        } catch (LimitExceededException e) {
            return PushResult.THROTTLED;
        } catch (ForbiddenException e) {
            LOG.log(Level.WARNING, "PostToConnection was forbidden (403): check the MANAGEMENT_ENDPOINT and the "
                    + "execute-api:ManageConnections permission; connection {0}: {1}", connectionId, e.getMessage());
            return PushResult.FAILED;
        } catch (AwsServiceException e) {
            return byStatus(connectionId, e);
        } catch (SdkException e) {
            LOG.log(Level.WARNING, "PostToConnection to {0} failed: {1}", connectionId, e.getMessage());
            return PushResult.FAILED;
        }
    }

    // An error type the model does not know still carries the gateway's status code.
    private static PushResult byStatus(ConnectionId connectionId, AwsServiceException e) {
        return switch (e.statusCode()) {
            case 410 -> PushResult.GONE;
            case 413 -> PushResult.TOO_LARGE;
            case 429 -> PushResult.THROTTLED;
            default -> {
                LOG.log(Level.WARNING, "PostToConnection to {0} failed with status {1}: {2}",
                        connectionId, e.statusCode(), e.getMessage());
                yield PushResult.FAILED;
            }
        };
    }
}
