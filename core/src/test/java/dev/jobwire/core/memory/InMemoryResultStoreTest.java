package dev.jobwire.core.memory;

import dev.jobwire.core.contract.ResultStoreContract;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.ResultStore;

class InMemoryResultStoreTest extends ResultStoreContract {
    @Override
    protected ResultStore newStore(Clock clock) {
        return new InMemoryResultStore(clock);
    }
}
