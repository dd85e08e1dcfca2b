package org.lyceum.federation.policy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import org.lyceum.database.Sql;
import org.lyceum.federation.FederationConfig;

/**
 * The application's {@link DomainPolicy} over the same tables, but with
 * {@code lyceum.federation.allowlist-mode} on. Config mappings are fixed when Quarkus starts, so a
 * test that wants allowlist mode installs this instance in place of the bean
 * ({@code QuarkusMock.installMockForType}) for one test, instead of restarting Quarkus with a
 * profile of its own; every other setting is the application's.
 */
public final class AllowlistMode {

    private AllowlistMode() {}

    public static DomainPolicy policy(Sql sql, FederationConfig config) {
        FederationConfig on = (FederationConfig) Proxy.newProxyInstance(
                FederationConfig.class.getClassLoader(), new Class<?>[] {FederationConfig.class}, (proxy, m, args) -> {
                    if (m.getName().equals("allowlistMode")) {
                        return true;
                    }
                    try {
                        return m.invoke(config, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        DomainPolicy policy = new DomainPolicy(sql, on);
        policy.reload().await().atMost(Duration.ofSeconds(10));
        return policy;
    }
}
