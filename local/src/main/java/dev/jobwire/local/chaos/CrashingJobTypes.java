package dev.jobwire.local.chaos;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.jobwire.core.job.InvalidInputException;
import dev.jobwire.core.job.JobContext;
import dev.jobwire.core.job.JobHandler;
import dev.jobwire.core.job.JobTypeRegistry;
import dev.jobwire.core.job.SimulatedCrash;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every job type of a registry, wrapped so that a fraction of attempts dies at one of its first
 * ten progress reports with a {@link SimulatedCrash}: the attempt records nothing more and its
 * invocation fails, exactly as when Lambda kills a worker.
 */
public final class CrashingJobTypes {
    private static final int LAST_CRASH_POINT = 10;

    private CrashingJobTypes() {
    }

    public static JobTypeRegistry wrap(JobTypeRegistry types, double rate, long seed) {
        Random random = new Random(seed);
        AtomicLong crashes = new AtomicLong();
        List<JobHandler> wrapped = types.types().stream()
                .map(type -> (JobHandler) new Crashing(types.find(type).orElseThrow(), rate, random, crashes))
                .toList();
        return JobTypeRegistry.of(wrapped.toArray(JobHandler[]::new));
    }

    private static final class Crashing implements JobHandler {
        private final JobHandler delegate;
        private final double rate;
        private final Random random;
        private final AtomicLong crashes;

        Crashing(JobHandler delegate, double rate, Random random, AtomicLong crashes) {
            this.delegate = delegate;
            this.rate = rate;
            this.random = random;
            this.crashes = crashes;
        }

        @Override
        public String type() {
            return delegate.type();
        }

        @Override
        public String description() {
            return delegate.description();
        }

        @Override
        public void validate(JsonObject input) throws InvalidInputException {
            delegate.validate(input);
        }

        @Override
        public JsonElement run(JobContext context) throws Exception {
            int crashAt;
            synchronized (random) {
                crashAt = random.nextDouble() < rate ? 1 + random.nextInt(LAST_CRASH_POINT) : 0;
            }
            if (crashAt == 0) {
                return delegate.run(context);
            }
            int[] reports = {0};
            return delegate.run(new JobContext(context.jobId(), context.input(), context.attempt(),
                    (percent, message, data) -> {
                        if (++reports[0] == crashAt) {
                            crashes.incrementAndGet();
                            throw new SimulatedCrash("chaos: worker killed at progress report " + crashAt
                                    + " of attempt " + context.attempt() + " of job " + context.jobId());
                        }
                        context.progress().report(percent, message, data);
                    }));
        }
    }
}
