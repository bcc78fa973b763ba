package dev.jobwire.core.memory;

import dev.jobwire.core.contract.JobStoreContract;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.JobStore;

class InMemoryJobStoreTest extends JobStoreContract {
    @Override
    protected JobStore newStore(Clock clock) {
        return new InMemoryJobStore(clock);
    }
}
