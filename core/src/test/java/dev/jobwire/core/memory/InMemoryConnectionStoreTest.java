package dev.jobwire.core.memory;

import dev.jobwire.core.contract.ConnectionStoreContract;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.ConnectionStore;

class InMemoryConnectionStoreTest extends ConnectionStoreContract {
    @Override
    protected ConnectionStore newStore(Clock clock) {
        return new InMemoryConnectionStore(clock);
    }
}
