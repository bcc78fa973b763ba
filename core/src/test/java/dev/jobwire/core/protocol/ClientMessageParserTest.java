package dev.jobwire.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobwire.core.model.JobId;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClientMessageParserTest {

    static Stream<Arguments> badFrames() {
        String big = "x".repeat(ClientMessageParser.MAX_MESSAGE_BYTES);
        String bigInput = "{\"action\":\"submit\",\"type\":\"demo.sleep\",\"input\":{\"s\":\"" + "y".repeat(70_000)
                + "\"}}";
        return Stream.of(
                Arguments.of("null body", null, ErrorCode.BAD_REQUEST),
                Arguments.of("empty", "", ErrorCode.BAD_REQUEST),
                Arguments.of("blank", "   ", ErrorCode.BAD_REQUEST),
                Arguments.of("not json", "hello", ErrorCode.BAD_REQUEST),
                Arguments.of("truncated json", "{\"action\":\"ping\"", ErrorCode.BAD_REQUEST),
                Arguments.of("trailing garbage", "{\"action\":\"ping\"} x", ErrorCode.BAD_REQUEST),
                Arguments.of("two objects", "{\"action\":\"ping\"}{\"action\":\"ping\"}", ErrorCode.BAD_REQUEST),
                Arguments.of("single quotes", "{'action':'ping'}", ErrorCode.BAD_REQUEST),
                Arguments.of("comment", "{\"action\":\"ping\" /* hi */}", ErrorCode.BAD_REQUEST),
                Arguments.of("array", "[\"ping\"]", ErrorCode.BAD_REQUEST),
                Arguments.of("string", "\"ping\"", ErrorCode.BAD_REQUEST),
                Arguments.of("number", "42", ErrorCode.BAD_REQUEST),
                Arguments.of("json null", "null", ErrorCode.BAD_REQUEST),
                Arguments.of("no action", "{}", ErrorCode.BAD_REQUEST),
                Arguments.of("action number", "{\"action\":7}", ErrorCode.BAD_REQUEST),
                Arguments.of("action object", "{\"action\":{}}", ErrorCode.BAD_REQUEST),
                Arguments.of("action empty", "{\"action\":\"\"}", ErrorCode.BAD_REQUEST),
                Arguments.of("unknown action", "{\"action\":\"explode\"}", ErrorCode.UNKNOWN_ACTION),
                Arguments.of("action wrong case", "{\"action\":\"SUBMIT\"}", ErrorCode.UNKNOWN_ACTION),
                Arguments.of("submit without type", "{\"action\":\"submit\"}", ErrorCode.BAD_REQUEST),
                Arguments.of("submit type number", "{\"action\":\"submit\",\"type\":1}", ErrorCode.BAD_REQUEST),
                Arguments.of("submit bad type name", "{\"action\":\"submit\",\"type\":\"../etc\"}", ErrorCode.BAD_REQUEST),
                Arguments.of("submit input string", "{\"action\":\"submit\",\"type\":\"demo.sleep\",\"input\":\"x\"}",
                        ErrorCode.BAD_REQUEST),
                Arguments.of("submit input array", "{\"action\":\"submit\",\"type\":\"demo.sleep\",\"input\":[]}",
                        ErrorCode.BAD_REQUEST),
                Arguments.of("submit key number",
                        "{\"action\":\"submit\",\"type\":\"demo.sleep\",\"idempotencyKey\":5}", ErrorCode.BAD_REQUEST),
                Arguments.of("submit key too long", "{\"action\":\"submit\",\"type\":\"demo.sleep\",\"idempotencyKey\":\""
                        + "k".repeat(129) + "\"}", ErrorCode.BAD_REQUEST),
                Arguments.of("submit input too large", bigInput, ErrorCode.PAYLOAD_TOO_LARGE),
                Arguments.of("message too large", "{\"action\":\"ping\",\"pad\":\"" + big + "\"}",
                        ErrorCode.PAYLOAD_TOO_LARGE),
                Arguments.of("cancel without jobId", "{\"action\":\"cancel\"}", ErrorCode.BAD_REQUEST),
                Arguments.of("cancel jobId number", "{\"action\":\"cancel\",\"jobId\":12}", ErrorCode.BAD_REQUEST),
                Arguments.of("status bad jobId", "{\"action\":\"status\",\"jobId\":\"a b\"}", ErrorCode.BAD_REQUEST),
                Arguments.of("resume without jobs", "{\"action\":\"resume\"}", ErrorCode.BAD_REQUEST),
                Arguments.of("resume jobs object", "{\"action\":\"resume\",\"jobs\":{}}", ErrorCode.BAD_REQUEST),
                Arguments.of("resume entry string", "{\"action\":\"resume\",\"jobs\":[\"J1\"]}", ErrorCode.BAD_REQUEST),
                Arguments.of("resume negative seq", "{\"action\":\"resume\",\"jobs\":[{\"jobId\":\"J1\",\"afterSeq\":-1}]}",
                        ErrorCode.BAD_REQUEST),
                Arguments.of("resume fractional seq",
                        "{\"action\":\"resume\",\"jobs\":[{\"jobId\":\"J1\",\"afterSeq\":1.5}]}", ErrorCode.BAD_REQUEST),
                Arguments.of("resume seq string",
                        "{\"action\":\"resume\",\"jobs\":[{\"jobId\":\"J1\",\"afterSeq\":\"3\"}]}", ErrorCode.BAD_REQUEST),
                Arguments.of("resume duplicate job",
                        "{\"action\":\"resume\",\"jobs\":[{\"jobId\":\"J1\"},{\"jobId\":\"J1\"}]}", ErrorCode.BAD_REQUEST),
                Arguments.of("requestId number", "{\"action\":\"ping\",\"requestId\":3}", ErrorCode.BAD_REQUEST));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFrames")
    void parse_badFrame_isRejectedWithCode(String name, String body, ErrorCode expected) {
        ClientMessageParser.Result result = ClientMessageParser.parse(body);

        assertThat(result).isInstanceOf(ClientMessageParser.Rejected.class);
        ProtocolError error = ((ClientMessageParser.Rejected) result).error();
        assertThat(error.code()).isEqualTo(expected);
        assertThat(error.message()).isNotBlank();
        String frame = Frames.write(error.toFrame());
        assertThat(frame).contains("\"type\":\"error\"").contains("\"code\":\"" + expected.wireName() + "\"");
    }

    @Test
    void parse_unknownAction_keepsRequestId() {
        var result = (ClientMessageParser.Rejected) ClientMessageParser.parse("{\"action\":\"nope\",\"requestId\":\"r1\"}");

        assertThat(result.error().requestId()).isEqualTo("r1");
    }

    @Test
    void parse_submit_readsEveryField() {
        var parsed = (ClientMessageParser.Parsed) ClientMessageParser.parse("{\"action\":\"submit\",\"type\":"
                + "\"demo.sleep\",\"input\":{\"steps\":3},\"idempotencyKey\":\"k1\",\"callbackUrl\":"
                + "\"https://example.com/hook\",\"requestId\":\"r9\"}");

        assertThat(parsed.message()).isEqualTo(new ClientMessage.Submit("demo.sleep", "{\"steps\":3}", "k1",
                "https://example.com/hook", "r9"));
    }

    @Test
    void parse_submitWithoutInput_usesEmptyObject() {
        var parsed = (ClientMessageParser.Parsed) ClientMessageParser.parse("{\"action\":\"submit\",\"type\":\"demo.sleep\"}");

        assertThat(((ClientMessage.Submit) parsed.message()).input()).isEqualTo("{}");
    }

    @Test
    void parse_resume_readsPositionsInOrder() {
        var parsed = (ClientMessageParser.Parsed) ClientMessageParser.parse("{\"action\":\"resume\",\"jobs\":["
                + "{\"jobId\":\"B\",\"afterSeq\":4},{\"jobId\":\"A\"}]}");

        assertThat(((ClientMessage.Resume) parsed.message()).jobs()).containsExactly(
                new ClientMessage.Position(JobId.of("B"), 4), new ClientMessage.Position(JobId.of("A"), 0));
    }

    @Test
    void parse_cancelStatusPing_areParsed() {
        assertThat(((ClientMessageParser.Parsed) ClientMessageParser.parse("{\"action\":\"cancel\",\"jobId\":\"J\"}"))
                .message()).isEqualTo(new ClientMessage.Cancel(JobId.of("J"), null));
        assertThat(((ClientMessageParser.Parsed) ClientMessageParser.parse("{\"action\":\"status\",\"jobId\":\"J\"}"))
                .message()).isEqualTo(new ClientMessage.Status(JobId.of("J"), null));
        assertThat(((ClientMessageParser.Parsed) ClientMessageParser.parse("{\"action\":\"ping\"}")).message())
                .isEqualTo(new ClientMessage.Ping(null));
    }
}
