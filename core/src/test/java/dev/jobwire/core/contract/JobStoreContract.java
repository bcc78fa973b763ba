package dev.jobwire.core.contract;

import static dev.jobwire.core.contract.Race.race;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.jobwire.core.model.Job;
import dev.jobwire.core.model.JobError;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.JobStatus;
import dev.jobwire.core.model.UserId;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.JobStore;
import dev.jobwire.core.port.JobStore.CancelResult;
import dev.jobwire.core.port.JobStore.CreateResult;
import dev.jobwire.core.port.JobStore.Created;
import dev.jobwire.core.port.JobStore.Duplicate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link JobStore} must have. Subclasses supply a fresh, empty store reading
 * the given clock. {@code listByUser} is only eventually consistent, so its assertions wait for
 * the expected answer instead of demanding it at once.
 */
public abstract class JobStoreContract {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant EXPIRES = T0.plus(Duration.ofDays(7));
    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private JobStore store;

    protected abstract JobStore newStore(Clock clock);

    @BeforeEach
    void createStore() {
        store = newStore(now::get);
    }

    @Test
    void create_thenGet_returnsTheQueuedJob() {
        Job job = Job.queued(JobId.of("j1"), ALICE, "demo.sleep", "{\"steps\":3,\"delayMs\":10}", "key-1",
                "https://example.com/hook", T0.plusMillis(321), EXPIRES);

        CreateResult result = store.create(job);

        assertThat(result).isEqualTo(new Created(job));
        assertThat(store.get(job.jobId())).contains(job);
    }

    @Test
    void create_sameJobIdTwice_throwsIllegalStateException() {
        store.create(job("j1", ALICE, T0, null));

        assertThatThrownBy(() -> store.create(job("j1", ALICE, T0.plusSeconds(1), null)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(store.get(JobId.of("j1"))).contains(job("j1", ALICE, T0, null));
    }

    @Test
    void create_takenJobIdWithNewKey_throwsAndLeavesTheKeyFree() {
        store.create(job("j1", ALICE, T0, "first"));

        assertThatThrownBy(() -> store.create(job("j1", ALICE, T0.plusSeconds(1), "second")))
                .isInstanceOf(IllegalStateException.class);

        Job other = job("j2", ALICE, T0.plusSeconds(2), "second");
        assertThat(store.create(other)).isEqualTo(new Created(other));
    }

    @Test
    void create_withSameIdempotencyKey_returnsFirstJobAndWritesNothing() {
        Job first = job("j1", ALICE, T0, "order-42");
        store.create(first);
        Job retry = Job.queued(JobId.of("j2"), ALICE, "demo.fail", "{\"other\":true}", "order-42", null,
                T0.plusSeconds(5), EXPIRES);

        CreateResult result = store.create(retry);

        assertThat(result).isEqualTo(new Duplicate(first));
        assertThat(store.get(retry.jobId())).isEmpty();
        awaitList(ALICE, 10, first);
    }

    @Test
    void create_sameKeyForDifferentUsers_createsTwoJobs() {
        Job alices = job("j1", ALICE, T0, "shared-key");
        Job bobs = job("j2", BOB, T0.plusSeconds(1), "shared-key");

        assertThat(store.create(alices)).isEqualTo(new Created(alices));
        assertThat(store.create(bobs)).isEqualTo(new Created(bobs));

        assertThat(store.get(alices.jobId())).contains(alices);
        assertThat(store.get(bobs.jobId())).contains(bobs);
    }

    @Test
    void create_racingWithSameKey_createsExactlyOneJob() throws Exception {
        List<CreateResult> results = race(i -> store.create(job("j" + i, ALICE, T0.plusMillis(i), "same")));

        List<Job> created = results.stream().filter(Created.class::isInstance).map(CreateResult::job).toList();
        assertThat(created).hasSize(1);
        assertThat(results).extracting(CreateResult::job).containsOnly(created.get(0));
        awaitList(ALICE, 10, created.get(0));
    }

    @Test
    void create_withKeyOfExpiredJob_createsNewJob() {
        store.create(job("j1", ALICE, T0, "nightly"));
        now.set(EXPIRES);
        Job next = Job.queued(JobId.of("j2"), ALICE, "demo.sleep", "{}", "nightly", null, EXPIRES,
                EXPIRES.plus(Duration.ofDays(7)));

        assertThat(store.create(next)).isEqualTo(new Created(next));
        assertThat(store.get(next.jobId())).contains(next);
    }

    @Test
    void create_jobThatIsNotQueued_isRejected() {
        Job running = job("j1", ALICE, T0, null).startedAttempt(T0);

        assertThatThrownBy(() -> store.create(running)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.get(running.jobId())).isEmpty();
    }

    @Test
    void get_unknownJob_returnsEmpty() {
        assertThat(store.get(JobId.of("nope"))).isEmpty();
    }

    @Test
    void expiredJob_isHiddenFromGetAndList() {
        Job job = job("j1", ALICE, T0, null);
        store.create(job);
        awaitList(ALICE, 10, job);

        now.set(EXPIRES.minusMillis(1));
        assertThat(store.get(job.jobId())).contains(job);

        now.set(EXPIRES);
        assertThat(store.get(job.jobId())).isEmpty();
        assertThat(store.listByUser(ALICE, 10)).isEmpty();
    }

    @Test
    void expiresAtBetweenWholeSeconds_isKeptWithinOneSecondAndHonoured() {
        Instant expiresAt = EXPIRES.plusMillis(250);
        Job job = Job.queued(JobId.of("j1"), ALICE, "demo.sleep", "{}", null, null, T0, expiresAt);
        store.create(job);

        Instant stored = store.get(job.jobId()).orElseThrow().expiresAt();

        // Stores with whole-second TTL attributes may round up, never down and never by a second.
        assertThat(stored).isBetween(expiresAt, expiresAt.plusMillis(999));
        now.set(expiresAt.minusMillis(1));
        assertThat(store.get(job.jobId())).isPresent();
        now.set(stored);
        assertThat(store.get(job.jobId())).isEmpty();
    }

    @Test
    void listByUser_returnsNewestFirstUpToLimit() {
        Job oldest = job("j-a", ALICE, T0.plusSeconds(1), null);
        Job middle = job("j-c", ALICE, T0.plusSeconds(2), null);
        Job newest = job("j-b", ALICE, T0.plusSeconds(3), null);
        store.create(middle);
        store.create(newest);
        store.create(oldest);

        awaitList(ALICE, 2, newest, middle);
        awaitList(ALICE, 10, newest, middle, oldest);
    }

    @Test
    void listByUser_returnsOnlyThatUsersJobs() {
        Job alices = job("j1", ALICE, T0, "k");
        Job bobs = job("j2", BOB, T0.plusSeconds(1), "k");
        store.create(alices);
        store.create(bobs);

        awaitList(ALICE, 10, alices);
        awaitList(BOB, 10, bobs);
        awaitList(UserId.of("carol"), 10);
    }

    @Test
    void listByUser_skipsExpiredJobsWithoutCountingThem() {
        Job old = job("j1", ALICE, T0.plusSeconds(1), null);
        Job middle = job("j2", ALICE, T0.plusSeconds(2), null);
        Job shortLived = Job.queued(JobId.of("j3"), ALICE, "demo.sleep", "{}", null, null, T0.plusSeconds(3),
                T0.plus(Duration.ofHours(1)));
        store.create(old);
        store.create(middle);
        store.create(shortLived);
        now.set(T0.plus(Duration.ofHours(2)));

        awaitList(ALICE, 2, middle, old);
    }

    @Test
    void listByUser_withLimitBelowOne_isRejected() {
        assertThatThrownBy(() -> store.listByUser(ALICE, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void startAttempt_onQueuedJob_makesItRunningWithOneAttempt() {
        Job job = create("j1");
        Instant at = T0.plusSeconds(2);

        assertThat(store.startAttempt(job.jobId(), at)).contains(job.startedAttempt(at));

        assertThat(store.get(job.jobId())).map(Job::status).contains(JobStatus.RUNNING);
        assertThat(store.get(job.jobId())).map(Job::attempts).contains(1);
        assertThat(store.get(job.jobId())).map(Job::updatedAt).contains(at);
    }

    @Test
    void startAttempt_onRunningJob_countsAnotherAttempt() {
        Job job = create("j1");
        store.startAttempt(job.jobId(), T0.plusSeconds(1));

        Job again = store.startAttempt(job.jobId(), T0.plusSeconds(60)).orElseThrow();

        assertThat(again.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(again.attempts()).isEqualTo(2);
        assertThat(store.get(job.jobId())).contains(again);
    }

    @Test
    void startAttempt_onTerminalJob_returnsEmptyAndChangesNothing() {
        Job job = create("j1");
        store.startAttempt(job.jobId(), T0.plusSeconds(1));
        store.finish(job.jobId(), succeeded(1), T0.plusSeconds(2));
        Job finished = store.get(job.jobId()).orElseThrow();

        assertThat(store.startAttempt(job.jobId(), T0.plusSeconds(3))).isEmpty();

        assertThat(store.get(job.jobId())).contains(finished);
    }

    @Test
    void startAttempt_onUnknownJob_returnsEmptyAndCreatesNothing() {
        assertThat(store.startAttempt(JobId.of("ghost"), T0)).isEmpty();

        assertThat(store.get(JobId.of("ghost"))).isEmpty();
    }

    @Test
    void recordProgress_withHigherSeq_recordsIt() {
        Job job = create("j1");
        store.startAttempt(job.jobId(), T0.plusSeconds(1));
        Instant at = T0.plusSeconds(2).plusMillis(5);

        assertThat(store.recordProgress(job.jobId(), 1, 40, "step 2 of 5", at)).isTrue();

        Job stored = store.get(job.jobId()).orElseThrow();
        assertThat(stored.lastSeq()).isEqualTo(1);
        assertThat(stored.percent()).isEqualTo(40);
        assertThat(stored.message()).isEqualTo("step 2 of 5");
        assertThat(stored.updatedAt()).isEqualTo(at);
        assertThat(stored.status()).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void recordProgress_withoutMessage_clearsTheMessage() {
        Job job = create("j1");
        store.recordProgress(job.jobId(), 1, 10, "loading", T0.plusSeconds(1));

        assertThat(store.recordProgress(job.jobId(), 2, 20, null, T0.plusSeconds(2))).isTrue();

        assertThat(store.get(job.jobId()).orElseThrow().message()).isNull();
    }

    @Test
    void recordProgress_withSameOrLowerSeq_neverMovesBackwards() {
        Job job = create("j1");
        store.startAttempt(job.jobId(), T0.plusSeconds(1));
        store.recordProgress(job.jobId(), 3, 60, "third", T0.plusSeconds(3));
        Job before = store.get(job.jobId()).orElseThrow();

        assertThat(store.recordProgress(job.jobId(), 3, 61, "repeat", T0.plusSeconds(4))).isFalse();
        assertThat(store.recordProgress(job.jobId(), 2, 40, "late", T0.plusSeconds(5))).isFalse();

        assertThat(store.get(job.jobId())).contains(before);
    }

    @Test
    void recordProgress_onTerminalJob_isRefused() {
        Job job = create("j1");
        store.finish(job.jobId(), succeeded(1), T0.plusSeconds(1));
        Job finished = store.get(job.jobId()).orElseThrow();

        assertThat(store.recordProgress(job.jobId(), 2, 50, "too late", T0.plusSeconds(2))).isFalse();

        assertThat(store.get(job.jobId())).contains(finished);
    }

    @Test
    void recordProgress_onUnknownJob_returnsFalseAndCreatesNothing() {
        assertThat(store.recordProgress(JobId.of("ghost"), 1, 10, null, T0)).isFalse();

        assertThat(store.get(JobId.of("ghost"))).isEmpty();
    }

    @Test
    void finish_succeeded_storesTheResultAndFullProgress() {
        Job job = create("j1");
        store.startAttempt(job.jobId(), T0.plusSeconds(1));
        store.recordProgress(job.jobId(), 1, 40, "halfway", T0.plusSeconds(2));
        Instant at = T0.plusSeconds(3);

        assertThat(store.finish(job.jobId(), succeeded(2), at)).isTrue();

        Job stored = store.get(job.jobId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(stored.result()).isEqualTo("{\"rows\":12}");
        assertThat(stored.resultRef()).isNull();
        assertThat(stored.error()).isNull();
        assertThat(stored.lastSeq()).isEqualTo(2);
        assertThat(stored.percent()).isEqualTo(100);
        assertThat(stored.updatedAt()).isEqualTo(at);
        assertThat(stored.attempts()).isEqualTo(1);
    }

    @Test
    void finish_succeededWithResultRef_storesTheReference() {
        Job job = create("j1");
        Job.Completion completion = new Job.Completion(JobStatus.SUCCEEDED, 1, null, "s3://bucket/results/j1", null);

        assertThat(store.finish(job.jobId(), completion, T0.plusSeconds(1))).isTrue();

        Job stored = store.get(job.jobId()).orElseThrow();
        assertThat(stored.result()).isNull();
        assertThat(stored.resultRef()).isEqualTo("s3://bucket/results/j1");
    }

    @Test
    void finish_failed_storesTheErrorAndKeepsProgress() {
        Job job = create("j1");
        store.startAttempt(job.jobId(), T0.plusSeconds(1));
        store.recordProgress(job.jobId(), 1, 30, "working", T0.plusSeconds(2));
        Job.Completion failure = new Job.Completion(JobStatus.FAILED, 2, null, null,
                new JobError("handler_error", "division by zero"));

        assertThat(store.finish(job.jobId(), failure, T0.plusSeconds(3))).isTrue();

        Job stored = store.get(job.jobId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(JobStatus.FAILED);
        assertThat(stored.error()).isEqualTo(new JobError("handler_error", "division by zero"));
        assertThat(stored.percent()).isEqualTo(30);
        assertThat(stored.message()).isEqualTo("working");
    }

    @Test
    void finish_failedWithEmptyErrorMessage_keepsTheEmptyMessage() {
        Job job = create("j1");
        Job.Completion failure = new Job.Completion(JobStatus.FAILED, 1, null, null, new JobError("dlq", null));

        store.finish(job.jobId(), failure, T0.plusSeconds(1));

        assertThat(store.get(job.jobId()).orElseThrow().error()).isEqualTo(new JobError("dlq", ""));
    }

    @Test
    void finish_onQueuedJob_appliesSoAJobCanFailBeforeItRuns() {
        Job job = create("j1");
        Job.Completion failure = new Job.Completion(JobStatus.FAILED, 1, null, null, new JobError("dlq", "gave up"));

        assertThat(store.finish(job.jobId(), failure, T0.plusSeconds(1))).isTrue();

        assertThat(store.get(job.jobId()).orElseThrow().status()).isEqualTo(JobStatus.FAILED);
    }

    @Test
    void finish_withSeqBelowLastSeq_keepsTheHigherLastSeq() {
        Job job = create("j1");
        store.recordProgress(job.jobId(), 5, 80, null, T0.plusSeconds(1));

        assertThat(store.finish(job.jobId(), succeeded(3), T0.plusSeconds(2))).isTrue();

        assertThat(store.get(job.jobId()).orElseThrow().lastSeq()).isEqualTo(5);
    }

    @Test
    void finish_twice_onlyTheFirstWins() {
        Job job = create("j1");
        store.finish(job.jobId(), succeeded(1), T0.plusSeconds(1));
        Job first = store.get(job.jobId()).orElseThrow();
        Job.Completion late = new Job.Completion(JobStatus.FAILED, 2, null, null, new JobError("late", "late"));

        assertThat(store.finish(job.jobId(), late, T0.plusSeconds(2))).isFalse();

        assertThat(store.get(job.jobId())).contains(first);
    }

    @Test
    void finish_onUnknownJob_returnsFalseAndCreatesNothing() {
        assertThat(store.finish(JobId.of("ghost"), succeeded(1), T0)).isFalse();

        assertThat(store.get(JobId.of("ghost"))).isEmpty();
    }

    @Test
    void finish_racedByManyCallers_exactlyOneWins() throws Exception {
        Job job = create("j1");
        store.startAttempt(job.jobId(), T0.plusSeconds(1));

        List<Boolean> wins = race(i -> store.finish(job.jobId(),
                new Job.Completion(JobStatus.SUCCEEDED, 1, "{\"winner\":" + i + "}", null, null), T0.plusSeconds(2)));

        assertThat(wins).containsOnlyOnce(true);
        int winner = wins.indexOf(true);
        assertThat(store.get(job.jobId()).orElseThrow().result()).isEqualTo("{\"winner\":" + winner + "}");
    }

    @Test
    void requestCancel_onQueuedJob_cancelsItAndNoAttemptCanStart() {
        Job job = create("j1");

        assertThat(store.requestCancel(job.jobId(), T0.plusSeconds(1))).isEqualTo(CancelResult.CANCELLED);

        Job stored = store.get(job.jobId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(stored.cancelRequested()).isTrue();
        assertThat(stored.updatedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(store.startAttempt(job.jobId(), T0.plusSeconds(2))).isEmpty();
        assertThat(store.get(job.jobId())).contains(stored);
    }

    @Test
    void requestCancel_onRunningJob_setsCancelRequested() {
        Job job = create("j1");
        store.startAttempt(job.jobId(), T0.plusSeconds(1));

        assertThat(store.requestCancel(job.jobId(), T0.plusSeconds(2))).isEqualTo(CancelResult.CANCEL_REQUESTED);

        Job stored = store.get(job.jobId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(stored.cancelRequested()).isTrue();
        assertThat(store.requestCancel(job.jobId(), T0.plusSeconds(3))).isEqualTo(CancelResult.CANCEL_REQUESTED);
        Job.Completion cancelled = new Job.Completion(JobStatus.CANCELLED, 1, null, null, null);
        assertThat(store.finish(job.jobId(), cancelled, T0.plusSeconds(4))).isTrue();
        assertThat(store.get(job.jobId()).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void requestCancel_onTerminalJob_changesNothing() {
        Job job = create("j1");
        store.finish(job.jobId(), succeeded(1), T0.plusSeconds(1));
        Job finished = store.get(job.jobId()).orElseThrow();

        assertThat(store.requestCancel(job.jobId(), T0.plusSeconds(2))).isEqualTo(CancelResult.ALREADY_FINISHED);

        assertThat(store.get(job.jobId())).contains(finished);
    }

    @Test
    void requestCancel_onUnknownJob_returnsNotFound() {
        assertThat(store.requestCancel(JobId.of("ghost"), T0)).isEqualTo(CancelResult.NOT_FOUND);

        assertThat(store.get(JobId.of("ghost"))).isEmpty();
    }

    @Test
    void expiredJob_refusesEveryTransition() {
        Job job = create("j1");
        store.startAttempt(job.jobId(), T0.plusSeconds(1));
        now.set(EXPIRES);

        assertThat(store.startAttempt(job.jobId(), EXPIRES)).isEmpty();
        assertThat(store.recordProgress(job.jobId(), 1, 10, null, EXPIRES)).isFalse();
        assertThat(store.finish(job.jobId(), succeeded(1), EXPIRES)).isFalse();
        assertThat(store.requestCancel(job.jobId(), EXPIRES)).isEqualTo(CancelResult.NOT_FOUND);
    }

    private Job create(String id) {
        Job job = job(id, ALICE, T0, null);
        store.create(job);
        return job;
    }

    private void awaitList(UserId userId, int limit, Job... expected) {
        await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(store.listByUser(userId, limit)).containsExactly(expected));
    }

    private static Job job(String id, UserId userId, Instant createdAt, String idempotencyKey) {
        return Job.queued(JobId.of(id), userId, "demo.sleep", "{\"steps\":3}", idempotencyKey, null, createdAt,
                EXPIRES);
    }

    private static Job.Completion succeeded(long seq) {
        return new Job.Completion(JobStatus.SUCCEEDED, seq, "{\"rows\":12}", null, null);
    }
}
