package dev.jobwire.cli.connections;

import java.util.List;

/** Reads a connection table: the local runtime's, or a deployed stack's DynamoDB table. */
public interface ConnectionListing {

    /**
     * Every row, including rows past their expiry that TTL has not removed yet.
     *
     * @param userId only this user's connections, or null for all
     */
    List<ConnectionEntry> list(String userId) throws InterruptedException;

    /** Where the rows come from, for the report's heading. */
    String source();
}
