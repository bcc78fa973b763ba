package dev.jobwire.local.chaos;

/**
 * Faults the local runtime injects, all off by default: for proving that jobwire's guarantees hold
 * when API Gateway throttles or fails pushes, workers die mid-job and connections drop.
 *
 * @param pushFailureRate      the fraction of management API posts answered 429 LimitExceeded or
 *                             500 (half each) instead of being sent
 * @param workerCrashRate      the fraction of job attempts that die at one of their first progress
 *                             reports, as if the worker process were killed: nothing more is recorded
 *                             and the invocation fails
 * @param connectionDropRate   the fraction of posts before which the connection is dropped without a
 *                             close frame (the post then answers 410, as on AWS)
 * @param seed                 the random seed, so that a failing run can be repeated
 */
public record Chaos(double pushFailureRate, double workerCrashRate, double connectionDropRate, long seed) {
    public Chaos {
        requireRate("pushFailureRate", pushFailureRate);
        requireRate("workerCrashRate", workerCrashRate);
        requireRate("connectionDropRate", connectionDropRate);
    }

    public static Chaos none() {
        return new Chaos(0, 0, 0, 0);
    }

    public boolean isNone() {
        return pushFailureRate == 0 && workerCrashRate == 0 && connectionDropRate == 0;
    }

    private static void requireRate(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, got " + rate);
        }
    }
}
