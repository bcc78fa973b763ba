package dev.jobwire.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.lang.reflect.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandlerAdapterTest {
    abstract static class Base<T> implements RequestHandler<T, String> {
        @Override
        public String handleRequest(T input, Context context) {
            return String.valueOf(input);
        }
    }

    static final class IntegerHandler extends Base<Integer> {
    }

    @SuppressWarnings("rawtypes")
    static final class RawHandler implements RequestHandler {
        @Override
        public Object handleRequest(Object input, Context context) {
            return input;
        }
    }

    static final class SqsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
        @Override
        public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
            return new SQSBatchResponse(event.getRecords().stream()
                    .map(m -> new SQSBatchResponse.BatchItemFailure(m.getMessageId())).toList());
        }
    }

    @Test
    void requestHandlerTypes_boundThroughSuperclass_areResolved() {
        assertThat(HandlerAdapter.requestHandlerTypes(IntegerHandler.class))
                .containsExactly(Integer.class, String.class);
    }

    @Test
    void requestHandlerTypes_rawHandler_areObject() {
        assertThat(HandlerAdapter.requestHandlerTypes(RawHandler.class)).containsExactly(new Type[] {Object.class, Object.class});
    }

    @Test
    void handle_inheritedTypes_deserialiseToBoundType() throws Exception {
        assertThat(HandlerAdapter.of(new IntegerHandler()).handle("41", null)).isEqualTo("\"41\"");
    }

    @Test
    void handle_sqsEventAndBatchResponse_useLambdasShapes() throws Exception {
        String payload = HandlerAdapter.of(new SqsHandler())
                .handle("{\"Records\":[{\"messageId\":\"m1\",\"body\":\"b\",\"eventSource\":\"aws:sqs\"}]}", null);

        assertThat(payload).isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"m1\"}]}");
    }

    @Test
    void of_neitherHandlerInterface_refuses() {
        assertThatThrownBy(() -> HandlerAdapter.of(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("neither RequestHandler nor RequestStreamHandler");
    }
}
