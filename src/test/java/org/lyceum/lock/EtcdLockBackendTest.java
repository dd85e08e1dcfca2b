package org.lyceum.lock;

import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.lyceum.support.Required;

/**
 * The contract on the etcd backend, against an etcd this test starts ({@link LocalEtcd}). Where no
 * etcd binary is installed the tests are skipped and say so; in CI (LYCEUM_CI=1) they fail instead.
 */
class EtcdLockBackendTest extends LockContract {

    private static LocalEtcd etcd;
    private static Vertx vertx;
    private static EtcdLockBackend backend;

    @BeforeAll
    static void startEtcd() throws Exception {
        etcd = LocalEtcd.start().orElse(null);
        if (etcd != null) {
            vertx = Vertx.vertx();
            backend = new EtcdLockBackend(vertx, etcd.url);
        }
    }

    @AfterAll
    static void stopEtcd() {
        if (vertx != null) {
            vertx.closeAndAwait();
        }
        if (etcd != null) {
            etcd.close();
        }
    }

    @BeforeEach
    void etcdIsThere() {
        Required.dependency(etcd != null, () -> LocalEtcd.MISSING + ": the etcd lock backend is not tested");
    }

    @Override
    LockBackend backend() {
        return backend;
    }

    /** etcd counts lease time in whole seconds. */
    @Override
    Duration unit() {
        return Duration.ofSeconds(1);
    }
}
