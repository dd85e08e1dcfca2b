package org.lyceum.lock;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The contract on the default backend, against the test run's PostgreSQL. */
@QuarkusTest
class PostgresLockBackendTest extends LockContract {

    @Inject
    PostgresLockBackend backend;

    @Override
    LockBackend backend() {
        return backend;
    }
}
