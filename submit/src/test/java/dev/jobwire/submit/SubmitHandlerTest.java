package dev.jobwire.submit;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.jobwire.aws.testing.ApiEvents;
import dev.jobwire.core.model.ConnectionId;
import dev.jobwire.core.usecase.UseCaseFixture;
import org.junit.jupiter.api.Test;

class SubmitHandlerTest {
    private final UseCaseFixture f = new UseCaseFixture();
    private final SubmitHandler handler = new SubmitHandler(f.requests);
    private final ConnectionId conn = f.connect("frank");

    private JsonObject reply(String route, String body) {
        var response = handler.handleRequest(ApiEvents.message(conn.value(), route, body), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        return JsonParser.parseString(response.getBody()).getAsJsonObject();
    }

    @Test
    void submit_repliesAcceptedInTheRouteResponse() {
        JsonObject reply = reply("submit", "{\"action\":\"submit\",\"type\":\"demo.sleep\",\"requestId\":\"q\"}");

        assertThat(reply.get("type").getAsString()).isEqualTo("accepted");
        assertThat(reply.get("requestId").getAsString()).isEqualTo("q");
        assertThat(f.jobQueue.size()).isEqualTo(1);
    }

    @Test
    void defaultRoute_withUnknownAction_repliesUnknownAction() {
        JsonObject reply = reply("$default", "{\"action\":\"dance\"}");

        assertThat(reply.get("code").getAsString()).isEqualTo("unknown_action");
    }

    @Test
    void binaryFrame_isRefusedWithAnErrorFrame() {
        var response = handler.handleRequest(ApiEvents.binaryMessage(conn.value(), "AAEC"), null);

        assertThat(response.getBody()).contains("binary frames are not supported");
        assertThat(f.jobQueue.size()).isZero();
    }
}
