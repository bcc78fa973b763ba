package dev.jobwire.local.template;

import static dev.jobwire.local.template.InlineTemplates.HANDLER;
import static dev.jobwire.local.template.InlineTemplates.functionWithEnvironment;
import static dev.jobwire.local.template.InlineTemplates.load;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateIntrinsicsTest {
    private static final String QUEUE_AND_TABLE = """
            Queue:
              Type: AWS::SQS::Queue
            Table:
              Type: AWS::DynamoDB::Table
              Properties:
                TableName: things
                BillingMode: PAY_PER_REQUEST
                AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                KeySchema: [{AttributeName: id, KeyType: HASH}]
            """;

    @TempDir
    Path directory;

    private Map<String, String> environment(String head, String variables, String otherResources) {
        return load(directory, head, functionWithEnvironment(variables) + otherResources)
                .functions().get("Fn").environment();
    }

    private Map<String, String> environment(String variables) {
        return environment("", variables, QUEUE_AND_TABLE);
    }

    @Test
    void sub_stringForm_resolvesParametersPseudoParametersAndResources() {
        Map<String, String> environment = environment("""
                Parameters:
                  Stage: {Type: String, Default: dev}
                """, """
                PSEUDO: !Sub ${Stage}|${AWS::Region}|${AWS::AccountId}|${AWS::StackName}|${AWS::Partition}|${AWS::URLSuffix}
                QUEUE: !Sub ${Queue}|${Queue.Arn}|${Queue.QueueName}|${Queue.QueueUrl}
                OTHERS: !Sub ${Table}|${Table.Arn}|${Fn}|${Fn.Arn}
                LITERAL: !Sub ${!Stage} costs $5 and ${Stage}
                UNCLOSED: !Sub ends with ${Stage
                """, QUEUE_AND_TABLE);

        assertThat(environment)
                .containsEntry("PSEUDO", "dev|us-east-1|000000000000|stack|aws|amazonaws.com")
                .containsEntry("QUEUE", "http://127.0.0.1:9324/000000000000/stack-Queue"
                        + "|arn:aws:sqs:us-east-1:000000000000:stack-Queue|stack-Queue"
                        + "|http://127.0.0.1:9324/000000000000/stack-Queue")
                .containsEntry("OTHERS", "things|arn:aws:dynamodb:us-east-1:000000000000:table/things"
                        + "|Fn|arn:aws:lambda:us-east-1:000000000000:function:Fn")
                .containsEntry("LITERAL", "${Stage} costs $5 and dev")
                .containsEntry("UNCLOSED", "ends with ${Stage");
    }

    @Test
    void sub_listForm_prefersItsOwnVariables() {
        Map<String, String> environment = environment("""
                Parameters:
                  Stage: {Type: String, Default: dev}
                """, """
                GREETING: !Sub
                  - ${Greeting}, ${Name} on ${Stage} (${Queue.QueueName})
                  - Greeting: !Join ['', [Hel, lo]]
                    Name: world
                    Stage: shadowed
                """, QUEUE_AND_TABLE);

        assertThat(environment).containsEntry("GREETING", "Hello, world on shadowed (stack-Queue)");
    }

    @Test
    void longForms_resolveLikeShortForms() {
        Map<String, String> environment = environment("""
                REF: {Ref: Queue}
                GETATT_LIST: {"Fn::GetAtt": [Queue, Arn]}
                GETATT_TEXT: {"Fn::GetAtt": Queue.QueueName}
                GETATT_SHORT_LIST: !GetAtt [Queue, QueueName]
                SUB: {"Fn::Sub": "${AWS::Region}"}
                """);

        assertThat(environment)
                .containsEntry("REF", "http://127.0.0.1:9324/000000000000/stack-Queue")
                .containsEntry("GETATT_LIST", "arn:aws:sqs:us-east-1:000000000000:stack-Queue")
                .containsEntry("GETATT_TEXT", "stack-Queue")
                .containsEntry("GETATT_SHORT_LIST", "stack-Queue")
                .containsEntry("SUB", "us-east-1");
    }

    @Test
    void if_choosesByCondition_andNoValueRemovesTheVariable() {
        Map<String, String> environment = environment("""
                Parameters:
                  Stage: {Type: String, Default: dev}
                  Topic: {Type: String, Default: ''}
                Conditions:
                  IsDev: !Equals [!Ref Stage, dev]
                  IsProd: !Equals [prod, !Ref Stage]
                  HasTopic: !Not [!Equals [!Ref Topic, '']]
                  DevWithoutTopic: !And [!Condition IsDev, !Not [!Condition HasTopic]]
                  ProdOrTopic: !Or [!Condition IsProd, !Condition HasTopic]
                """, """
                REMOVED: !If [IsDev, !Ref AWS::NoValue, kept]
                KEPT: !If [IsProd, !Ref AWS::NoValue, kept]
                AND: !If [DevWithoutTopic, 'yes', 'no']
                OR: !If [ProdOrTopic, 'yes', 'no']
                NESTED: !If [IsDev, !If [HasTopic, topic, !Sub '${Stage}-only'], prod]
                """, "");

        assertThat(environment)
                .doesNotContainKey("REMOVED")
                .containsEntry("KEPT", "kept")
                .containsEntry("AND", "yes")
                .containsEntry("OR", "no")
                .containsEntry("NESTED", "dev-only");
    }

    @Test
    void noValue_inAList_removesTheItem() {
        Map<String, String> environment = environment("""
                Conditions:
                  Never: !Equals [a, b]
                """, """
                JOINED: !Join [',', [a, !If [Never, b, !Ref AWS::NoValue], c]]
                """, "");

        assertThat(environment).containsEntry("JOINED", "a,c");
    }

    @Test
    void joinSelectSplitFindInMapAndBase64_evaluate() {
        Map<String, String> environment = environment("""
                Parameters:
                  Names: {Type: CommaDelimitedList, Default: 'x,y,z'}
                Mappings:
                  Sizes:
                    us-east-1: {Memory: 256}
                """, """
                JOIN: !Join ['-', [a, 3, true]]
                JOIN_LIST_PARAMETER: !Join ['+', !Ref Names]
                SELECT: !Select [1, !Split [',', 'a,b,c']]
                SELECT_TEXT_INDEX: !Select ['2', !Ref Names]
                SPLIT_EMPTY_ENDS: !Join ['|', !Split ['/', '/a//b/']]
                FIND: !FindInMap [Sizes, !Ref AWS::Region, Memory]
                FIND_DEFAULT: !FindInMap [Sizes, eu-west-1, Memory, {DefaultValue: 128}]
                BASE64: !Base64 hello
                """, "");

        assertThat(environment)
                .containsEntry("JOIN", "a-3-true")
                .containsEntry("JOIN_LIST_PARAMETER", "x+y+z")
                .containsEntry("SELECT", "b")
                .containsEntry("SELECT_TEXT_INDEX", "z")
                .containsEntry("SPLIT_EMPTY_ENDS", "|a||b|")
                .containsEntry("FIND", "256")
                .containsEntry("FIND_DEFAULT", "128")
                .containsEntry("BASE64", "aGVsbG8=");
    }

    @Test
    void scalars_becomeTheirCloudFormationText() {
        Map<String, String> environment = environment("""
                WHOLE: 3
                FRACTION: 2.50
                WHOLE_FLOAT: 4.0
                FLAG: true
                DATE: 2024-01-31
                QUOTED: '007'
                """);

        assertThat(environment)
                .containsEntry("WHOLE", "3")
                .containsEntry("FRACTION", "2.5")
                .containsEntry("WHOLE_FLOAT", "4")
                .containsEntry("FLAG", "true")
                .containsEntry("DATE", "2024-01-31")
                .containsEntry("QUOTED", "007");
    }

    @Test
    void numberParameters_areReferencedAsText() {
        Map<String, String> environment = environment("""
                Parameters:
                  Attempts: {Type: Number, Default: 3}
                  Ratio: {Type: Number, Default: 0.5}
                """, """
                ATTEMPTS: !Ref Attempts
                RATIO: !Sub ${Ratio}
                """, "");

        assertThat(environment).containsEntry("ATTEMPTS", "3").containsEntry("RATIO", "0.5");
    }

    @Test
    void webSocketApiUrls_becomeTheLocalApiBase() {
        Map<String, String> environment = environment("""
                ENDPOINT: !Sub https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}/dev
                CONNECTIONS: !Sub https://${Api.ApiId}.execute-api.${AWS::Region}.amazonaws.com/dev/@connections
                HOST_ONLY: !Sub https://${Api}.execute-api.${AWS::Region}.amazonaws.com
                WEBSOCKET: !Sub wss://${Api}.execute-api.${AWS::Region}.amazonaws.com/dev
                OTHER_REGION: !Sub https://${Api}.execute-api.eu-west-1.amazonaws.com/dev
                LONGER_HOST: !Sub https://${Api}.execute-api.${AWS::Region}.amazonaws.com.example/dev
                API_ID: !Ref Api
                """);

        assertThat(environment)
                .containsEntry("ENDPOINT", "http://127.0.0.1:3001/dev")
                .containsEntry("CONNECTIONS", "http://127.0.0.1:3001/dev/@connections")
                .containsEntry("HOST_ONLY", "http://127.0.0.1:3001")
                .containsEntry("WEBSOCKET", "ws://127.0.0.1:3001/dev")
                .containsEntry("OTHER_REGION", "https://api.execute-api.eu-west-1.amazonaws.com/dev")
                .containsEntry("LONGER_HOST", "https://api.execute-api.us-east-1.amazonaws.com.example/dev")
                .containsEntry("API_ID", "api");
    }

    @Test
    void aliasReferences_nameTheAutoPublishedAlias() {
        LocalTemplate template = load(directory, """
                Other:
                  Type: AWS::Serverless::Function
                  Properties:
                    Handler: %s
                    AutoPublishAlias: current
                Fn:
                  Type: AWS::Serverless::Function
                  Properties:
                    Handler: %s
                    Environment:
                      Variables:
                        SUB: !Sub ${Other.Alias}
                        GETATT: !GetAtt Other.Alias
                        REF: !Ref Other.Alias
                """.formatted(HANDLER, HANDLER));

        assertThat(template.functions().get("Fn").environment())
                .containsEntry("SUB", "arn:aws:lambda:us-east-1:000000000000:function:Other:current")
                .containsEntry("GETATT", "arn:aws:lambda:us-east-1:000000000000:function:Other:current")
                .containsEntry("REF", "arn:aws:lambda:us-east-1:000000000000:function:Other:current");
    }

    @Test
    void globals_mergeIntoServerlessFunctions_theFunctionWinning() {
        LocalTemplate template = load(directory, """
                Globals:
                  Function:
                    Timeout: 20
                    MemorySize: 256
                    ReservedConcurrentExecutions: 4
                    Handler: %s
                    Environment:
                      Variables:
                        SHARED: global
                        OVERRIDDEN: global
                """.formatted(HANDLER), """
                Fn:
                  Type: AWS::Serverless::Function
                  Properties:
                    MemorySize: 1024
                    Environment:
                      Variables:
                        OVERRIDDEN: own
                        OWN: own
                Plain:
                  Type: AWS::Lambda::Function
                  Properties:
                    Handler: dev.jobwire.connect.ConnectHandler::handleRequest
                """);

        FunctionDef function = template.functions().get("Fn");
        assertThat(function.handlerClass()).isEqualTo(HANDLER);
        assertThat(function.handlerMethod()).isEqualTo("handleRequest");
        assertThat(function.timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(function.memoryMb()).isEqualTo(1024);
        assertThat(function.reservedConcurrency()).isEqualTo(4);
        assertThat(function.environment())
                .containsExactlyInAnyOrderEntriesOf(Map.of("SHARED", "global", "OVERRIDDEN", "own", "OWN", "own"));
        FunctionDef plain = template.functions().get("Plain");
        assertThat(plain.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(plain.memoryMb()).isEqualTo(128);
        assertThat(plain.reservedConcurrency()).isNull();
        assertThat(plain.environment()).isEmpty();
    }

    @Test
    void functionWithoutGlobals_getsSamDefaults_andACustomHandlerMethod() {
        LocalTemplate template = load(directory, """
                Fn:
                  Type: AWS::Serverless::Function
                  Properties:
                    Handler: %s::handle
                """.formatted(HANDLER));

        FunctionDef function = template.functions().get("Fn");
        assertThat(function.handlerMethod()).isEqualTo("handle");
        assertThat(function.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(function.memoryMb()).isEqualTo(128);
    }

    @Test
    void resourcesWhoseConditionIsFalse_doNotExist() {
        LocalTemplate template = load(directory, """
                Parameters:
                  WithExtras: {Type: String, Default: 'no', AllowedValues: ['yes', 'no']}
                Conditions:
                  Extras: !Equals [!Ref WithExtras, 'yes']
                """, """
                Fn:
                  Type: AWS::Serverless::Function
                  Condition: Extras
                  Properties:
                    Handler: dev.jobwire.Missing
                ExtraQueue:
                  Type: AWS::SQS::Queue
                  Condition: Extras
                Queue:
                  Type: AWS::SQS::Queue
                """);

        assertThat(template.functions()).isEmpty();
        assertThat(template.queues()).containsOnlyKeys("Queue");
    }

    @Test
    void unreadParts_areNeverResolved() {
        LocalTemplate template = load(directory, """
                Conditions:
                  Odd: !Equals [!ImportValue elsewhere, x]
                Outputs:
                  Url:
                    Value: !Cidr [10.0.0.0/16, 2, 8]
                """, functionWithEnvironment("A: a") + """
                Alarm:
                  Type: AWS::CloudWatch::Alarm
                  Properties:
                    AlarmActions: [!ImportValue topic]
                    Dimensions: [{Name: Q, Value: !GetAtt Nothing.Here}]
                Permission:
                  Type: AWS::Lambda::Permission
                  Properties:
                    FunctionName: !Ref Fn.Alias
                    SourceArn: !Sub ${AWS::StackId}
                Stage:
                  Type: AWS::ApiGatewayV2::Stage
                  Properties:
                    ApiId: !Ref Api
                    StageName: !GetAZs ''
                """);

        assertThat(template.functions().get("Fn").environment()).containsEntry("A", "a");
    }

    @Test
    void queues_takeGivenNamesDefaultsAndJsonRedrivePolicies() {
        LocalTemplate template = load(directory, """
                Plain:
                  Type: AWS::SQS::Queue
                Named:
                  Type: AWS::SQS::Queue
                  Properties:
                    QueueName: !Sub ${AWS::StackName}-named.fifo
                    FifoQueue: 'true'
                    ContentBasedDeduplication: true
                    RedrivePolicy: '{"deadLetterTargetArn": "arn:aws:sqs:us-east-1:000000000000:stack-Plain", "maxReceiveCount": 4}'
                """);

        QueueDef plain = template.queues().get("Plain");
        assertThat(plain.queueName()).isEqualTo("stack-Plain");
        assertThat(plain.visibilityTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(plain.messageRetention()).isEqualTo(Duration.ofSeconds(345_600));
        assertThat(plain.deadLetterQueue()).isNull();
        QueueDef named = template.queues().get("Named");
        assertThat(named.queueName()).isEqualTo("stack-named.fifo");
        assertThat(named.fifo()).isTrue();
        assertThat(named.contentBasedDeduplication()).isTrue();
        assertThat(named.deadLetterQueue()).isEqualTo("Plain");
        assertThat(named.maxReceiveCount()).isEqualTo(4);
    }

    @Test
    void sqsEvents_takeDefaults_andOtherEventTypesAreIgnored() {
        LocalTemplate template = load(directory, """
                Queue:
                  Type: AWS::SQS::Queue
                Fn:
                  Type: AWS::Serverless::Function
                  Properties:
                    Handler: %s
                    Events:
                      Defaults:
                        Type: SQS
                        Properties:
                          Queue: !GetAtt Queue.Arn
                      Tuned:
                        Type: SQS
                        Properties:
                          Queue: !Sub arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:stack-Queue
                          BatchSize: 100
                          MaximumBatchingWindowInSeconds: 5
                          FunctionResponseTypes: []
                          Enabled: false
                      Timer:
                        Type: Schedule
                        Properties:
                          Schedule: !ImportValue nothing-reads-this
                """.formatted(HANDLER));

        assertThat(template.eventSources()).containsExactly(
                new EventSourceDef("Fn", "Queue", 10, Duration.ZERO, false, null, true),
                new EventSourceDef("Fn", "Queue", 100, Duration.ofSeconds(5), false, null, false));
    }

    @Test
    void httpApi_isReadBesideTheWebSocketApi_andItsUrlRewrittenToTheLocalBase() {
        LocalTemplate template = load(directory, functionWithEnvironment("""
                URL: !Sub https://${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/local
                ENDPOINT: !GetAtt HttpApi.ApiEndpoint""") + """
                HttpApi:
                  Type: AWS::ApiGatewayV2::Api
                  Properties:
                    ProtocolType: HTTP
                HttpRoute:
                  Type: AWS::ApiGatewayV2::Route
                  Properties:
                    ApiId: !Ref HttpApi
                    RouteKey: GET /jobs/{id}
                    Target: !Sub integrations/${HttpIntegration}
                HttpIntegration:
                  Type: AWS::ApiGatewayV2::Integration
                  Properties:
                    ApiId: !Ref HttpApi
                    IntegrationType: AWS_PROXY
                    PayloadFormatVersion: '2.0'
                    IntegrationUri: !GetAtt Fn.Arn
                SocketRoute:
                  Type: AWS::ApiGatewayV2::Route
                  Properties:
                    ApiId: !GetAtt Api.ApiId
                    RouteKey: $default
                    Target: !Join [/, [integrations, !Ref Integration]]
                Integration:
                  Type: AWS::ApiGatewayV2::Integration
                  Properties:
                    ApiId: !Ref Api
                    IntegrationType: AWS_PROXY
                    IntegrationUri: !GetAtt Fn.Arn
                """);

        assertThat(template.httpApi()).isEqualTo(new HttpApiDef("HttpApi",
                Map.of("GET /jobs/{id}", new HttpRouteDef("HttpRoute", "GET /jobs/{id}", "Fn"))));
        assertThat(template.functions().get("Fn").environment())
                .containsEntry("URL", "http://127.0.0.1:3001/local")
                .containsEntry("ENDPOINT", "http://127.0.0.1:3001");
        assertThat(template.webSocketApi().logicalId()).isEqualTo("Api");
        assertThat(template.webSocketApi().routes()).containsOnlyKeys("$default");
        assertThat(template.webSocketApi().routes().get("$default"))
                .isEqualTo(new RouteDef("SocketRoute", "$default", "Fn", false));
    }
}
