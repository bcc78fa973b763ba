package dev.jobwire.core.memory;

import dev.jobwire.core.contract.JobEventLogContract;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.JobEventLog;

class InMemoryJobEventLogTest extends JobEventLogContract {
    @Override
    protected JobEventLog newLog(Clock clock) {
        return new InMemoryJobEventLog(clock);
    }
}
