package dev.jobwire.local.template;

import static dev.jobwire.local.template.InlineTemplates.HANDLER;
import static dev.jobwire.local.template.InlineTemplates.functionWithEnvironment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateLoaderErrorsTest {
    private static final String ROUTED_FUNCTION = """
            Fn:
              Type: AWS::Serverless::Function
              Properties:
                Handler: %s
            Integration:
              Type: AWS::ApiGatewayV2::Integration
              Properties:
                ApiId: !Ref Api
                IntegrationType: AWS_PROXY
                IntegrationUri: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations
            """.formatted(HANDLER);

    @TempDir
    Path directory;

    private AbstractThrowableAssert<?, ? extends Throwable> loading(String head, String resources,
                                                                   Map<String, String> parameters) {
        Path file = InlineTemplates.write(directory, head, resources);
        return assertThatThrownBy(() -> TemplateLoader.load(file, InlineTemplates.context(parameters)))
                .isInstanceOf(TemplateException.class);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> loading(String head, String resources) {
        return loading(head, resources, Map.of());
    }

    private AbstractThrowableAssert<?, ? extends Throwable> loading(String resources) {
        return loading("", resources);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> loadingRaw(String yaml) {
        Path file = InlineTemplates.writeRaw(directory, yaml);
        return assertThatThrownBy(() -> TemplateLoader.load(file, InlineTemplates.context(Map.of())))
                .isInstanceOf(TemplateException.class);
    }

    @Test
    void parameterWithoutValueOrDefault_isNamed() {
        loading("""
                Parameters:
                  Secret: {Type: String}
                """, "").hasMessage("template.yaml: Parameters: Secret: has no value: the template gives no"
                + " Default, so pass one");
    }

    @Test
    void parameterValues_areCheckedAgainstTheirConstraints() {
        String head = """
                Parameters:
                  Secret: {Type: String, MinLength: 4, MaxLength: 6, Default: abcd}
                  Stage: {Type: String, AllowedPattern: '[a-z]+', Default: dev}
                  Size: {Type: String, AllowedValues: [small, large], Default: small}
                  Count: {Type: Number, MinValue: 1, MaxValue: 10, Default: 3}
                  Levels: {Type: List<Number>, Default: '1,2'}
                """;

        loading(head, "", Map.of("Secret", "abc"))
                .hasMessage("template.yaml: Parameters: Secret: value has 3 characters, fewer than MinLength 4");
        loading(head, "", Map.of("Secret", "abcdefg"))
                .hasMessage("template.yaml: Parameters: Secret: value has 7 characters, more than MaxLength 6");
        loading(head, "", Map.of("Stage", "dev1"))
                .hasMessage("template.yaml: Parameters: Stage: value does not match AllowedPattern [a-z]+");
        loading(head, "", Map.of("Size", "medium"))
                .hasMessage("template.yaml: Parameters: Size: value 'medium' is not one of AllowedValues [small, large]");
        loading(head, "", Map.of("Count", "three"))
                .hasMessage("template.yaml: Parameters: Count: value 'three' is not a number, as Type Number needs");
        loading(head, "", Map.of("Count", "0"))
                .hasMessage("template.yaml: Parameters: Count: value 0 is below MinValue 1");
        loading(head, "", Map.of("Count", "11"))
                .hasMessage("template.yaml: Parameters: Count: value 11 is above MaxValue 10");
        loading(head, "", Map.of("Levels", "1,x"))
                .hasMessage("template.yaml: Parameters: Levels: value 'x' is not a number, as Type List<Number> needs");
        loading(head, "", Map.of("Stages", "dev"))
                .hasMessage("template.yaml: Parameters: Stages is given a value but the template declares no such"
                        + " parameter");
    }

    @Test
    void parameterDefaults_areCheckedToo() {
        loading("""
                Parameters:
                  Count: {Type: Number, MaxValue: 10, Default: 12}
                """, "").hasMessage("template.yaml: Parameters: Count: value 12 is above MaxValue 10");
    }

    @Test
    void routeWithoutTarget_isNamed() {
        loading(ROUTED_FUNCTION + """
                Route:
                  Type: AWS::ApiGatewayV2::Route
                  Properties:
                    ApiId: !Ref Api
                    RouteKey: submit
                """).hasMessage("template.yaml: Route: Target is missing; the local runtime invokes a route's"
                + " integration");
    }

    @Test
    void targetNamingNoIntegration_isNamed() {
        loading(ROUTED_FUNCTION + """
                SubmitRoute:
                  Type: AWS::ApiGatewayV2::Route
                  Properties:
                    ApiId: !Ref Api
                    RouteKey: submit
                    Target: integrations/Nope
                """).hasMessage("template.yaml: SubmitRoute: Target integrations/Nope names no"
                + " AWS::ApiGatewayV2::Integration");
    }

    @Test
    void targetNamingAnotherResourceType_isNamed() {
        loading(ROUTED_FUNCTION + """
                SubmitRoute:
                  Type: AWS::ApiGatewayV2::Route
                  Properties:
                    ApiId: !Ref Api
                    RouteKey: submit
                    Target: !Sub integrations/${Fn}
                """).hasMessage("template.yaml: SubmitRoute: Target integrations/Fn names no"
                + " AWS::ApiGatewayV2::Integration");
    }

    @Test
    void integrationThatIsNotAwsProxy_isNamed() {
        loading(functionWithEnvironment("A: a") + """
                Mock:
                  Type: AWS::ApiGatewayV2::Integration
                  Properties:
                    ApiId: !Ref Api
                    IntegrationType: MOCK
                Route:
                  Type: AWS::ApiGatewayV2::Route
                  Properties:
                    ApiId: !Ref Api
                    RouteKey: $default
                    Target: !Sub integrations/${Mock}
                """).hasMessage("template.yaml: Mock: IntegrationType MOCK is not supported by the local runtime;"
                + " it runs AWS_PROXY integrations only");
    }

    @Test
    void integrationUriNamingNoFunction_isNamed() {
        loading(functionWithEnvironment("A: a") + """
                Integration:
                  Type: AWS::ApiGatewayV2::Integration
                  Properties:
                    ApiId: !Ref Api
                    IntegrationType: AWS_PROXY
                    IntegrationUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:Elsewhere/invocations
                Route:
                  Type: AWS::ApiGatewayV2::Route
                  Properties:
                    ApiId: !Ref Api
                    RouteKey: $default
                    Target: !Sub integrations/${Integration}
                """).hasMessage("template.yaml: Integration: IntegrationUri arn:aws:apigateway:us-east-1:lambda:path/"
                + "2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:Elsewhere/invocations"
                + " names no function of the template");
    }

    private static final String HTTP_API = """
            HttpApi:
              Type: AWS::ApiGatewayV2::Api
              Properties:
                ProtocolType: HTTP
            HttpIntegration:
              Type: AWS::ApiGatewayV2::Integration
              Properties:
                ApiId: !Ref HttpApi
                IntegrationType: AWS_PROXY
                PayloadFormatVersion: '%s'
                IntegrationUri: !GetAtt Fn.Arn
            HttpRoute:
              Type: AWS::ApiGatewayV2::Route
              Properties:
                ApiId: !Ref HttpApi
                RouteKey: GET /jobs
                AuthorizationType: %s
                Target: !Sub integrations/${HttpIntegration}
            """;

    @Test
    void httpApiWithPayloadFormat1_isRefusedNamingTheIntegration() {
        loading(ROUTED_FUNCTION + HTTP_API.formatted("1.0", "NONE")).hasMessage("template.yaml: HttpIntegration:"
                + " PayloadFormatVersion 1.0 is not supported by the local runtime; it builds payload format 2.0 events");
    }

    @Test
    void httpRouteWithAnAuthorizer_isRefusedNamingTheRoute() {
        loading(ROUTED_FUNCTION + HTTP_API.formatted("2.0", "JWT")).hasMessage("template.yaml: HttpRoute:"
                + " AuthorizationType JWT is not supported by the local runtime; use NONE and verify tokens in the"
                + " function");
    }

    @Test
    void corsWithCredentialsForAnyOrigin_isRefusedNamingTheApi() {
        String withCors = HTTP_API.formatted("2.0", "NONE").replace("""
                    ProtocolType: HTTP
                """, """
                    ProtocolType: HTTP
                    CorsConfiguration:
                      AllowOrigins: ['*']
                      AllowCredentials: true
                """);
        loading(ROUTED_FUNCTION + withCors).hasMessage("template.yaml: HttpApi: CorsConfiguration:"
                + " AllowCredentials true cannot go with the AllowOrigins *");
    }

    @Test
    void duplicateRouteKey_namesBothRoutes() {
        loading(ROUTED_FUNCTION + """
                First:
                  Type: AWS::ApiGatewayV2::Route
                  Properties:
                    ApiId: !Ref Api
                    RouteKey: submit
                    Target: !Sub integrations/${Integration}
                Second:
                  Type: AWS::ApiGatewayV2::Route
                  Properties:
                    ApiId: !Ref Api
                    RouteKey: submit
                    Target: !Sub integrations/${Integration}
                """).hasMessage("template.yaml: Second: RouteKey submit is already the route key of First");
    }

    @Test
    void routeResponseNamingNoRoute_isNamed() {
        loading(ROUTED_FUNCTION + """
                Response:
                  Type: AWS::ApiGatewayV2::RouteResponse
                  Properties:
                    ApiId: !Ref Api
                    RouteId: !Ref Integration
                    RouteResponseKey: $default
                """).hasMessage("template.yaml: Response: RouteId Integration names no AWS::ApiGatewayV2::Route");
    }

    @Test
    void templateWithoutWebSocketApi_fails() {
        loadingRaw("""
                Resources:
                  HttpApi:
                    Type: AWS::ApiGatewayV2::Api
                    Properties:
                      ProtocolType: HTTP
                """).hasMessage("template.yaml: no AWS::ApiGatewayV2::Api with ProtocolType WEBSOCKET; the local"
                + " runtime serves exactly one");
    }

    @Test
    void templateWithTwoWebSocketApis_namesThem() {
        loading("""
                Second:
                  Type: AWS::ApiGatewayV2::Api
                  Properties:
                    ProtocolType: WEBSOCKET
                    RouteSelectionExpression: $request.body.action
                """).hasMessage("template.yaml: Api, Second: several AWS::ApiGatewayV2::Api with ProtocolType"
                + " WEBSOCKET; the local runtime serves exactly one");
    }

    @Test
    void unsupportedIntrinsic_whereTheRuntimeReads_namesResourceAndProperty() {
        loading(functionWithEnvironment("TOPIC: !ImportValue shared-topic"))
                .hasMessage("template.yaml: Fn: Environment.Variables.TOPIC: Fn::ImportValue is not supported by"
                        + " the local runtime");
        loading(functionWithEnvironment("ZONES: !Join [',', !GetAZs '']"))
                .hasMessage("template.yaml: Fn: Environment.Variables.ZONES: Fn::GetAZs is not supported by"
                        + " the local runtime");
        loading(functionWithEnvironment("STACK: !Ref AWS::StackId"))
                .hasMessage("template.yaml: Fn: Environment.Variables.STACK: AWS::StackId is not supported by"
                        + " the local runtime");
        loading(functionWithEnvironment("TOPIC: !Ref Topic") + """
                Topic:
                  Type: AWS::SNS::Topic
                """).hasMessage("template.yaml: Fn: Environment.Variables.TOPIC: Ref Topic: a reference to an"
                + " AWS::SNS::Topic is not supported by the local runtime");
        loading(functionWithEnvironment("STREAM: !GetAtt Table.StreamArn") + """
                Table:
                  Type: AWS::DynamoDB::Table
                  Properties:
                    AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                    KeySchema: [{AttributeName: id, KeyType: HASH}]
                    BillingMode: PAY_PER_REQUEST
                """).hasMessage("template.yaml: Fn: Environment.Variables.STREAM: Table.StreamArn: attribute"
                + " StreamArn of an AWS::DynamoDB::Table is not supported by the local runtime");
    }

    @Test
    void referencesToNothing_areNamed() {
        loading(functionWithEnvironment("A: !Ref Nope"))
                .hasMessage("template.yaml: Fn: Environment.Variables.A: Ref Nope names no parameter or resource");
        loading(functionWithEnvironment("A: !Sub x-${Nope}"))
                .hasMessage("template.yaml: Fn: Environment.Variables.A: ${Nope} names no parameter or resource");
        loading(functionWithEnvironment("A: !GetAtt Nope.Arn"))
                .hasMessage("template.yaml: Fn: Environment.Variables.A: Nope.Arn names no resource");
        loading(functionWithEnvironment("A: !If [Nope, a, b]"))
                .hasMessage("template.yaml: Fn: Environment.Variables.A: condition Nope is not declared in"
                        + " Conditions");
        loading(functionWithEnvironment("A: !Sub ${Fn.Alias}"))
                .hasMessage("template.yaml: Fn: Environment.Variables.A: Fn.Alias: Fn has no AutoPublishAlias");
    }

    @Test
    void referenceToAResourceWhoseConditionIsFalse_isNamed() {
        loading("""
                Conditions:
                  Never: !Equals [a, b]
                """, functionWithEnvironment("A: !Ref Queue") + """
                Queue:
                  Type: AWS::SQS::Queue
                  Condition: Never
                """).hasMessage("template.yaml: Fn: Environment.Variables.A: Queue is not created: its Condition"
                + " Never is false");
    }

    @Test
    void conditionFunctionsOutsideConditions_andCircularConditions_areErrors() {
        loading(functionWithEnvironment("A: !Equals [a, a]"))
                .hasMessage("template.yaml: Fn: Environment.Variables.A: Fn::Equals belongs in Conditions; choose"
                        + " a value with Fn::If");
        loading("""
                Conditions:
                  One: !Not [!Condition Two]
                  Two: !Not [!Condition One]
                """, functionWithEnvironment("A: !If [One, a, b]"))
                .hasMessageStartingWith("template.yaml: Conditions: circular reference: condition One ->"
                        + " condition Two -> condition One");
    }

    @Test
    void wrongIntrinsicArguments_areNamed() {
        loading(functionWithEnvironment("A: !Select [3, [a, b]]"))
                .hasMessage("template.yaml: Fn: Environment.Variables.A: Fn::Select: index 3 is outside a list of 2");
        loading(functionWithEnvironment("A: !Join [',']"))
                .hasMessage("template.yaml: Fn: Environment.Variables.A: Fn::Join needs [delimiter, [values]]");
        loading(functionWithEnvironment("A: !Sub [x, y, z]"))
                .hasMessage("template.yaml: Fn: Environment.Variables.A: Fn::Sub needs a string or"
                        + " [string, {variables}]");
        loading(functionWithEnvironment("A: !FindInMap [Nope, a, b]"))
                .hasMessage("template.yaml: Fn: Environment.Variables.A: Fn::FindInMap: Mappings has no Nope.a.b");
    }

    @Test
    void handlerClassThatCannotBeLoaded_isNamed() {
        loading("""
                Fn:
                  Type: AWS::Serverless::Function
                  Properties:
                    Handler: dev.jobwire.Nope::handleRequest
                """).hasMessageStartingWith("template.yaml: Fn: Handler class dev.jobwire.Nope cannot be loaded");
    }

    @Test
    void functionsWithBadProperties_areNamed() {
        loading("""
                Fn:
                  Type: AWS::Serverless::Function
                  Properties:
                    Timeout: 10
                """).hasMessage("template.yaml: Fn: Handler is missing");
        loading("""
                Fn:
                  Type: AWS::Serverless::Function
                  Properties:
                    Handler: %s
                    Timeout: ten
                """.formatted(HANDLER)).hasMessage("template.yaml: Fn: Timeout: must be a whole number, not 'ten'");
        loading("""
                Fn:
                  Type: AWS::Serverless::Function
                  Properties:
                    Handler: %s
                    MemorySize: 64
                """.formatted(HANDLER)).hasMessage("template.yaml: Fn: memoryMb must be >= 128");
        loading(functionWithEnvironment("LIST: [a, b]"))
                .hasMessage("template.yaml: Fn: Environment.Variables.LIST: must be a string, not a list");
    }

    @Test
    void sqsEventOnAQueueOutsideTheTemplate_isNamed() {
        loading("""
                Fn:
                  Type: AWS::Serverless::Function
                  Properties:
                    Handler: %s
                    Events:
                      Jobs:
                        Type: SQS
                        Properties:
                          Queue: arn:aws:sqs:us-east-1:000000000000:elsewhere
                """.formatted(HANDLER)).hasMessage("template.yaml: Fn: Events.Jobs.Properties.Queue"
                + " arn:aws:sqs:us-east-1:000000000000:elsewhere names no AWS::SQS::Queue of the template");
    }

    @Test
    void sqsEventWithFilterCriteriaOrBadBatchSize_isNamed() {
        String function = """
                Queue:
                  Type: AWS::SQS::Queue
                Fn:
                  Type: AWS::Serverless::Function
                  Properties:
                    Handler: %s
                    Events:
                      Jobs:
                        Type: SQS
                        Properties:
                          Queue: !GetAtt Queue.Arn
                """.formatted(HANDLER);

        loading(function + "          FilterCriteria: {Filters: [{Pattern: '{}'}]}\n")
                .hasMessage("template.yaml: Fn: Events.Jobs.Properties.FilterCriteria is not supported by the"
                        + " local runtime");
        loading(function + "          BatchSize: 0\n")
                .hasMessage("template.yaml: Fn: batchSize must be 1..10000");
    }

    @Test
    void redriveToSomethingThatIsNotAQueue_isNamed() {
        loading("""
                Queue:
                  Type: AWS::SQS::Queue
                  Properties:
                    RedrivePolicy:
                      deadLetterTargetArn: !GetAtt Table.Arn
                      maxReceiveCount: 3
                Table:
                  Type: AWS::DynamoDB::Table
                  Properties:
                    TableName: t
                    BillingMode: PAY_PER_REQUEST
                    AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                    KeySchema: [{AttributeName: id, KeyType: HASH}]
                """).hasMessage("template.yaml: Queue: RedrivePolicy.deadLetterTargetArn"
                + " arn:aws:dynamodb:us-east-1:000000000000:table/t names no AWS::SQS::Queue of the template");
    }

    @Test
    void fifoQueueWhoseNameLacksFifo_isNamed() {
        loading("""
                Queue:
                  Type: AWS::SQS::Queue
                  Properties:
                    FifoQueue: true
                    QueueName: plain
                """).hasMessage("template.yaml: Queue: a FIFO queue's name, and only its name, ends with .fifo");
    }

    @Test
    void queuesNamedAfterEachOther_areACircle() {
        loading("""
                A:
                  Type: AWS::SQS::Queue
                  Properties:
                    QueueName: !GetAtt B.QueueName
                B:
                  Type: AWS::SQS::Queue
                  Properties:
                    QueueName: !Sub ${A.QueueName}-b
                """).hasMessageStartingWith("template.yaml: A: circular reference: name of A -> name of B -> name of A");
    }

    @Test
    void tableWithoutKeySchema_isNamed() {
        loading("""
                Table:
                  Type: AWS::DynamoDB::Table
                  Properties:
                    BillingMode: PAY_PER_REQUEST
                    AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                """).hasMessage("template.yaml: Table: KeySchema is missing");
        loading("""
                Table:
                  Type: AWS::DynamoDB::Table
                  Properties:
                    AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                    KeySchema: [{AttributeName: id, KeyType: HASH}]
                    GlobalSecondaryIndexes:
                      - IndexName: byOther
                        KeySchema: [{AttributeName: id, KeyType: HASH}]
                        Projection: {ProjectionType: ALL}
                """).hasMessage("template.yaml: Table: ProvisionedThroughput is missing, and BillingMode PROVISIONED"
                + " needs it");
    }

    @Test
    void invalidYaml_isReportedWithTheFileName() {
        loadingRaw("""
                Resources:
                  A:
                    Type: AWS::SQS::Queue
                  A:
                    Type: AWS::SQS::Queue
                """).hasMessageStartingWith("template.yaml: not valid YAML: ")
                .hasMessageContaining("duplicate key A");
        loadingRaw("""
                Resources:
                  A:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: !GetAtt NoAttribute
                """).hasMessageStartingWith("template.yaml: not valid YAML: !GetAtt needs Resource.Attribute,"
                + " got 'NoAttribute'");
        loadingRaw("- a list\n").hasMessage("template.yaml: not a YAML mapping");
        loadingRaw("Resources:\n  A:\n    Properties: {}\n").hasMessage("template.yaml: A: a resource needs a Type");
    }

    @Test
    void missingFile_isReportedWithItsName() {
        Path missing = directory.resolve("absent.yaml");

        assertThatThrownBy(() -> TemplateLoader.load(missing, InlineTemplates.context(Map.of())))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("absent.yaml: cannot be read");
    }

    @Test
    void ssmParameter_isAnErrorOnlyWhereReferenced() {
        String head = """
                Parameters:
                  Latest: {Type: 'AWS::SSM::Parameter::Value<String>', Default: /jobwire/version}
                """;

        assertThat(InlineTemplates.load(directory, head, functionWithEnvironment("A: a")).functions())
                .containsKey("Fn");
        loading(head, functionWithEnvironment("A: !Ref Latest"))
                .hasMessage("template.yaml: Fn: Environment.Variables.A: parameter Latest is of type"
                        + " AWS::SSM::Parameter::Value<String>, read from SSM on AWS, which the local runtime"
                        + " does not do");
    }
}
