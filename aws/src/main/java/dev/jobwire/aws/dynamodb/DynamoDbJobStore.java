package dev.jobwire.aws.dynamodb;

import static dev.jobwire.aws.dynamodb.Attributes.EXPIRES_AT;
import static dev.jobwire.aws.dynamodb.Attributes.expiry;
import static dev.jobwire.aws.dynamodb.Attributes.instant;
import static dev.jobwire.aws.dynamodb.Attributes.isLive;
import static dev.jobwire.aws.dynamodb.Attributes.millis;
import static dev.jobwire.aws.dynamodb.Attributes.n;
import static dev.jobwire.aws.dynamodb.Attributes.nowSeconds;
import static dev.jobwire.aws.dynamodb.Attributes.number;
import static dev.jobwire.aws.dynamodb.Attributes.putIfNotNull;
import static dev.jobwire.aws.dynamodb.Attributes.requiredString;
import static dev.jobwire.aws.dynamodb.Attributes.s;
import static dev.jobwire.aws.dynamodb.Attributes.string;

import dev.jobwire.core.model.Job;
import dev.jobwire.core.model.JobError;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.JobStatus;
import dev.jobwire.core.model.UserId;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.JobStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * A {@link JobStore} on a DynamoDB table keyed by {@code jobId}, listed through the
 * {@code byUser} index ({@code userId}, {@code createdAt}).
 *
 * <p>Every transition is a single conditional {@code UpdateItem}; none reads first and writes
 * after, so of racing callers exactly one wins each transition. {@link #create} with an
 * idempotency key is one transaction that writes the job and a marker item keyed
 * {@code idem#<userId>#<key>}; the marker has no {@code userId}, so it stays out of the index.
 * Reads by id are strongly consistent. {@code expiresAt} is stored in epoch seconds for TTL,
 * rounded up; a job past it is treated as absent by every read and every conditional write,
 * whether or not TTL has deleted it yet, and so is its idempotency marker.
 */
public final class DynamoDbJobStore implements JobStore {
    static final String JOB_ID = "jobId";
    static final String USER_ID = "userId";
    static final String TYPE = "type";
    static final String STATUS = "status";
    static final String INPUT = "input";
    static final String RESULT = "result";
    static final String RESULT_REF = "resultRef";
    static final String ERROR = "error";
    static final String ERROR_CODE = "code";
    static final String ERROR_MESSAGE = "message";
    static final String ATTEMPTS = "attempts";
    static final String LAST_SEQ = "lastSeq";
    static final String PERCENT = "percent";
    static final String MESSAGE = "message";
    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = "updatedAt";
    static final String IDEMPOTENCY_KEY = "idempotencyKey";
    static final String CALLBACK_URL = "callbackUrl";
    static final String CANCEL_REQUESTED = "cancelRequested";
    static final String TARGET_JOB_ID = "targetJobId";

    private static final String MARKER_PREFIX = "idem#";
    private static final String ABSENT_OR_EXPIRED = "attribute_not_exists(#id) OR #expires <= :nowSec";
    private static final Map<String, String> ABSENT_OR_EXPIRED_NAMES = Map.of("#id", JOB_ID, "#expires", EXPIRES_AT);
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final String TRANSACTION_CONFLICT = "TransactionConflict";
    // Retries cover a concurrent transaction on the same marker and a marker that expired
    // between the failed write and our read of it; both settle at once.
    private static final int CREATE_TRIES = 5;

    private final DynamoDbClient client;
    private final String tableName;
    private final Clock clock;

    public DynamoDbJobStore(DynamoDbClient client, String tableName, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CreateResult create(Job job) {
        JobStore.checkNew(job);
        Map<String, AttributeValue> item = toItem(job);
        if (job.idempotencyKey() == null) {
            try {
                client.putItem(b -> b.tableName(tableName).item(item)
                        .conditionExpression(ABSENT_OR_EXPIRED)
                        .expressionAttributeNames(ABSENT_OR_EXPIRED_NAMES)
                        .expressionAttributeValues(Map.of(":nowSec", nowSeconds(clock.now()))));
                return new Created(job);
            } catch (ConditionalCheckFailedException taken) {
                throw alreadyExists(job.jobId());
            }
        }
        String markerId = MARKER_PREFIX + job.userId().value() + "#" + job.idempotencyKey();
        Map<String, AttributeValue> marker = Map.of(
                JOB_ID, s(markerId),
                TARGET_JOB_ID, s(job.jobId().value()),
                EXPIRES_AT, item.get(EXPIRES_AT));
        TransactionCanceledException lastFailure = null;
        for (int attempt = 0; attempt < CREATE_TRIES; attempt++) {
            try {
                Map<String, AttributeValue> values = Map.of(":nowSec", nowSeconds(clock.now()));
                client.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder().put(conditionalPut(item, values)).build(),
                        TransactWriteItem.builder().put(conditionalPut(marker, values)).build()));
                return new Created(job);
            } catch (TransactionCanceledException cancelled) {
                lastFailure = cancelled;
                List<CancellationReason> reasons = cancelled.hasCancellationReasons()
                        ? cancelled.cancellationReasons() : List.of();
                // Without one reason per item we cannot tell what failed, so we look instead.
                boolean explained = reasons.size() == 2;
                if (explained && conflicted(reasons)) {
                    continue;
                }
                if (!explained || failed(reasons.get(1))) {
                    Map<String, AttributeValue> current = explained && reasons.get(1).hasItem()
                            ? reasons.get(1).item() : readItem(markerId);
                    Optional<Job> first = firstJobOf(current);
                    if (first.isPresent()) {
                        return new Duplicate(first.get());
                    }
                }
                if (explained ? failed(reasons.get(0)) : get(job.jobId()).isPresent()) {
                    throw alreadyExists(job.jobId());
                }
                if (explained && !failed(reasons.get(1))) {
                    throw cancelled;
                }
            }
        }
        throw new IllegalStateException("could not create job " + job.jobId() + " after " + CREATE_TRIES
                + " tries; its idempotency key stayed contended", lastFailure);
    }

    @Override
    public Optional<Job> get(JobId jobId) {
        Objects.requireNonNull(jobId, "jobId");
        Map<String, AttributeValue> item = readItem(jobId.value());
        return item.isEmpty() || !isLive(item, clock.now()) ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public List<Job> listByUser(UserId userId, int limit) {
        Objects.requireNonNull(userId, "userId");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1");
        }
        return client.queryPaginator(b -> b.tableName(tableName)
                        .indexName(DynamoDbTables.BY_USER)
                        .keyConditionExpression("#user = :user")
                        .filterExpression("#expires > :nowSec")
                        .expressionAttributeNames(Map.of("#user", USER_ID, "#expires", EXPIRES_AT))
                        .expressionAttributeValues(Map.of(
                                ":user", s(userId.value()), ":nowSec", nowSeconds(clock.now())))
                        .scanIndexForward(false)
                        .limit(limit))
                .items().stream()
                .limit(limit)
                .map(DynamoDbJobStore::fromItem)
                .toList();
    }

    @Override
    public Optional<Job> startAttempt(JobId jobId, Instant now) {
        Objects.requireNonNull(now, "now");
        Change change = new Change()
                .set(STATUS, s(JobStatus.RUNNING.name()))
                .increment(ATTEMPTS)
                .set(UPDATED_AT, millis(now));
        change.when(liveAndActive(change));
        try {
            return Optional.of(fromItem(apply(jobId, change, ReturnValue.ALL_NEW)));
        } catch (ConditionalCheckFailedException refused) {
            return Optional.empty();
        }
    }

    @Override
    public boolean recordProgress(JobId jobId, long seq, int percent, String message, Instant now) {
        Objects.requireNonNull(now, "now");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be >= 1");
        }
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be within 0..100");
        }
        Change change = new Change()
                .set(LAST_SEQ, n(seq))
                .set(PERCENT, n(percent))
                .setOrRemove(MESSAGE, message == null ? null : s(message))
                .set(UPDATED_AT, millis(now));
        change.when(liveAndActive(change) + " AND " + change.name(LAST_SEQ) + " < :" + LAST_SEQ);
        return applies(jobId, change);
    }

    @Override
    public boolean finish(JobId jobId, Job.Completion completion, Instant now) {
        Objects.requireNonNull(completion, "completion");
        Objects.requireNonNull(now, "now");
        // lastSeq must become max(lastSeq, seq), which an update expression cannot compute; so
        // first try raising it, and only when it is already higher finish without touching it.
        // Both writes require a non-terminal job, so still exactly one caller wins.
        Change raising = completionChange(completion, now).set(LAST_SEQ, n(completion.seq()));
        raising.when(liveAndActive(raising) + " AND " + raising.name(LAST_SEQ) + " < :" + LAST_SEQ);
        try {
            apply(jobId, raising, ReturnValue.NONE);
            return true;
        } catch (ConditionalCheckFailedException refused) {
            Map<String, AttributeValue> current = refused.hasItem() ? refused.item() : readItem(jobId.value());
            if (!isActive(current)) {
                return false;
            }
        }
        Change keeping = completionChange(completion, now);
        keeping.when(liveAndActive(keeping));
        return applies(jobId, keeping);
    }

    @Override
    public CancelResult requestCancel(JobId jobId, Instant now) {
        Objects.requireNonNull(now, "now");
        // A status only ever moves forward, so at most one pass sees QUEUED turn into RUNNING;
        // the bound only guards against a job that is created while we look.
        for (int pass = 0; pass < 3; pass++) {
            // cancelRequested marks a job cancelled before it ran, so a worker that finds it
            // without its cancelled event records that event.
            Change cancel = new Change()
                    .set(STATUS, s(JobStatus.CANCELLED.name()))
                    .set(CANCEL_REQUESTED, AttributeValue.fromBool(true))
                    .set(UPDATED_AT, millis(now));
            cancel.when(live(cancel) + " AND " + cancel.name(STATUS) + " = "
                    + cancel.value(":queued", s(JobStatus.QUEUED.name())));
            Map<String, AttributeValue> current;
            try {
                apply(jobId, cancel, ReturnValue.NONE);
                return CancelResult.CANCELLED;
            } catch (ConditionalCheckFailedException refused) {
                current = refused.hasItem() ? refused.item() : readItem(jobId.value());
            }
            CancelResult settled = settledOutcome(current);
            if (settled != null) {
                return settled;
            }
            Change request = new Change()
                    .set(CANCEL_REQUESTED, AttributeValue.fromBool(true))
                    .set(UPDATED_AT, millis(now));
            request.when(live(request) + " AND " + request.name(STATUS) + " = "
                    + request.value(":running", s(JobStatus.RUNNING.name())));
            try {
                apply(jobId, request, ReturnValue.NONE);
                return CancelResult.CANCEL_REQUESTED;
            } catch (ConditionalCheckFailedException refused) {
                current = refused.hasItem() ? refused.item() : readItem(jobId.value());
            }
            settled = settledOutcome(current);
            if (settled != null) {
                return settled;
            }
        }
        throw new IllegalStateException("job " + jobId + " kept changing while it was being cancelled");
    }

    private CancelResult settledOutcome(Map<String, AttributeValue> current) {
        if (current.isEmpty() || !isLive(current, clock.now())) {
            return CancelResult.NOT_FOUND;
        }
        return JobStatus.valueOf(requiredString(current, STATUS)).isTerminal() ? CancelResult.ALREADY_FINISHED : null;
    }

    private Change completionChange(Job.Completion completion, Instant now) {
        Change change = new Change()
                .set(STATUS, s(completion.status().name()))
                .setOrRemove(RESULT, completion.result() == null ? null : s(completion.result()))
                .setOrRemove(RESULT_REF, completion.resultRef() == null ? null : s(completion.resultRef()))
                .setOrRemove(ERROR, completion.error() == null ? null : error(completion.error()))
                .set(UPDATED_AT, millis(now));
        if (completion.status() == JobStatus.SUCCEEDED) {
            change.set(PERCENT, n(100));
        }
        return change;
    }

    private String live(Change change) {
        return "attribute_exists(" + change.name(JOB_ID) + ") AND " + change.name(EXPIRES_AT) + " > "
                + change.value(":nowSec", nowSeconds(clock.now()));
    }

    private String liveAndActive(Change change) {
        return live(change) + " AND " + change.name(STATUS) + " IN ("
                + change.value(":queued", s(JobStatus.QUEUED.name())) + ", "
                + change.value(":running", s(JobStatus.RUNNING.name())) + ")";
    }

    private boolean isActive(Map<String, AttributeValue> item) {
        return !item.isEmpty() && isLive(item, clock.now())
                && !JobStatus.valueOf(requiredString(item, STATUS)).isTerminal();
    }

    private boolean applies(JobId jobId, Change change) {
        try {
            apply(jobId, change, ReturnValue.NONE);
            return true;
        } catch (ConditionalCheckFailedException refused) {
            return false;
        }
    }

    private Map<String, AttributeValue> apply(JobId jobId, Change change, ReturnValue returnValues) {
        Objects.requireNonNull(jobId, "jobId");
        UpdateItemRequest request = UpdateItemRequest.builder()
                .tableName(tableName)
                .key(Map.of(JOB_ID, s(jobId.value())))
                .updateExpression(change.expression())
                .conditionExpression(change.condition)
                .expressionAttributeNames(change.names)
                .expressionAttributeValues(change.values)
                .returnValues(returnValues)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
        return client.updateItem(request).attributes();
    }

    private Put conditionalPut(Map<String, AttributeValue> item, Map<String, AttributeValue> values) {
        return Put.builder()
                .tableName(tableName)
                .item(item)
                .conditionExpression(ABSENT_OR_EXPIRED)
                .expressionAttributeNames(ABSENT_OR_EXPIRED_NAMES)
                .expressionAttributeValues(values)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
    }

    private Optional<Job> firstJobOf(Map<String, AttributeValue> marker) {
        if (marker.isEmpty() || !isLive(marker, clock.now())) {
            return Optional.empty();
        }
        return get(JobId.of(requiredString(marker, TARGET_JOB_ID)));
    }

    private Map<String, AttributeValue> readItem(String jobId) {
        return client.getItem(b -> b.tableName(tableName)
                .key(Map.of(JOB_ID, s(jobId)))
                .consistentRead(true)).item();
    }

    private static boolean failed(CancellationReason reason) {
        return CONDITION_FAILED.equals(reason.code());
    }

    private static boolean conflicted(List<CancellationReason> reasons) {
        return reasons.stream().anyMatch(r -> TRANSACTION_CONFLICT.equals(r.code()));
    }

    private static IllegalStateException alreadyExists(JobId jobId) {
        return new IllegalStateException("job " + jobId + " already exists");
    }

    private static AttributeValue error(JobError error) {
        return AttributeValue.fromM(Map.of(ERROR_CODE, s(error.code()), ERROR_MESSAGE, s(error.message())));
    }

    private static Map<String, AttributeValue> toItem(Job job) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(JOB_ID, s(job.jobId().value()));
        item.put(USER_ID, s(job.userId().value()));
        item.put(TYPE, s(job.type()));
        item.put(STATUS, s(job.status().name()));
        item.put(INPUT, s(job.input()));
        putIfNotNull(item, RESULT, job.result());
        putIfNotNull(item, RESULT_REF, job.resultRef());
        if (job.error() != null) {
            item.put(ERROR, error(job.error()));
        }
        item.put(ATTEMPTS, n(job.attempts()));
        item.put(LAST_SEQ, n(job.lastSeq()));
        item.put(PERCENT, n(job.percent()));
        putIfNotNull(item, MESSAGE, job.message());
        item.put(CREATED_AT, millis(job.createdAt()));
        item.put(UPDATED_AT, millis(job.updatedAt()));
        putIfNotNull(item, IDEMPOTENCY_KEY, job.idempotencyKey());
        putIfNotNull(item, CALLBACK_URL, job.callbackUrl());
        item.put(CANCEL_REQUESTED, AttributeValue.fromBool(job.cancelRequested()));
        item.put(EXPIRES_AT, Attributes.expiry(job.expiresAt()));
        return item;
    }

    private static Job fromItem(Map<String, AttributeValue> item) {
        AttributeValue error = item.get(ERROR);
        AttributeValue cancelRequested = item.get(CANCEL_REQUESTED);
        return new Job(
                JobId.of(requiredString(item, JOB_ID)),
                UserId.of(requiredString(item, USER_ID)),
                requiredString(item, TYPE),
                JobStatus.valueOf(requiredString(item, STATUS)),
                requiredString(item, INPUT),
                string(item, RESULT),
                string(item, RESULT_REF),
                error == null || !error.hasM() ? null
                        : new JobError(requiredString(error.m(), ERROR_CODE), string(error.m(), ERROR_MESSAGE)),
                Math.toIntExact(number(item, ATTEMPTS)),
                number(item, LAST_SEQ),
                Math.toIntExact(number(item, PERCENT)),
                string(item, MESSAGE),
                instant(item, CREATED_AT),
                instant(item, UPDATED_AT),
                string(item, IDEMPOTENCY_KEY),
                string(item, CALLBACK_URL),
                cancelRequested != null && Boolean.TRUE.equals(cancelRequested.bool()),
                expiry(item));
    }

    /**
     * One update expression with its condition and placeholders. DynamoDB rejects placeholders
     * that an expression does not use, so every name and value is registered where it is used.
     */
    private static final class Change {
        private final List<String> sets = new ArrayList<>();
        private final List<String> removes = new ArrayList<>();
        private final Map<String, String> names = new HashMap<>();
        private final Map<String, AttributeValue> values = new HashMap<>();
        private String condition;

        Change set(String attribute, AttributeValue value) {
            sets.add(name(attribute) + " = " + value(":" + attribute, value));
            return this;
        }

        Change setOrRemove(String attribute, AttributeValue valueOrNull) {
            if (valueOrNull == null) {
                removes.add(name(attribute));
                return this;
            }
            return set(attribute, valueOrNull);
        }

        Change increment(String attribute) {
            sets.add(name(attribute) + " = " + name(attribute) + " + " + value(":one", n(1)));
            return this;
        }

        void when(String conditionExpression) {
            this.condition = conditionExpression;
        }

        String name(String attribute) {
            names.put("#" + attribute, attribute);
            return "#" + attribute;
        }

        String value(String placeholder, AttributeValue value) {
            values.put(placeholder, value);
            return placeholder;
        }

        String expression() {
            String set = "SET " + String.join(", ", sets);
            return removes.isEmpty() ? set : set + " REMOVE " + String.join(", ", removes);
        }
    }
}
