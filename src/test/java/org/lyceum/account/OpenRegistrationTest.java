package org.lyceum.account;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lyceum.support.GraphQL;
import org.lyceum.support.Tokens;

@QuarkusTest
@TestProfile(OpenRegistrationTest.Open.class)
class OpenRegistrationTest {

    public static class Open implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lyceum.registration.policy", "open");
        }
    }

    @Test
    void anyoneTheIdentityProviderVouchesForRegisters() {
        GraphQL.anonymous("{ instance { registrationPolicy } }")
                .body("data.instance.registrationPolicy", equalTo("OPEN"));
        GraphQL.as(Tokens.user("nia").email("nia@anywhere.example").unverified().sign(), "{ me { username email } }")
                .body("errors", nullValue())
                .body("data.me.username", equalTo("nia"))
                .body("data.me.email", equalTo("nia@anywhere.example"));
        GraphQL.as(Tokens.user("omar").email(null).sign(), "{ me { username email } }")
                .body("errors", nullValue())
                .body("data.me.username", equalTo("omar"))
                .body("data.me.email", nullValue());
    }
}
