package dev.jobwire.cli;

import dev.jobwire.core.model.JobId;

/** Refuses a job id the server could never know before a connection is opened for it. */
final class JobIds {
    private JobIds() {
    }

    static String require(String jobId) {
        if (!JobId.isValid(jobId)) {
            throw CliFailure.usage("'" + jobId + "' is not a job id (1-64 letters, digits, - or _)");
        }
        return jobId;
    }
}
