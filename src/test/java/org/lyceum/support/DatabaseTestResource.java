package org.lyceum.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Gives every Quarkus start in the test suite a fresh database (see {@link TestDatabase}). */
public class DatabaseTestResource implements QuarkusTestResourceLifecycleManager {

    private TestDatabase current;

    @Override
    public Map<String, String> start() {
        current = TestDatabase.create();
        return current.quarkusConfig();
    }

    @Override
    public void stop() {
        if (current != null) {
            current.drop();
        }
    }
}
