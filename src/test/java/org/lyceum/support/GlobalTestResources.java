package org.lyceum.support;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Every @QuarkusTest runs against a fresh real PostgreSQL database and a real token issuer
 * (WireMock serving the JWKS whose private key {@link Tokens} signs with) and a real SMTP server.
 */
@WithTestResource(value = DatabaseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = MailTestResource.class, scope = TestResourceScope.GLOBAL)
public final class GlobalTestResources {
    private GlobalTestResources() {}
}
