package org.lyceum.instance;

import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.lyceum.support.GraphQL;

@QuarkusTest
class InstanceQueryTest {

    @Test
    void anyoneSeesWhatTheInstanceSaysAboutItself() {
        GraphQL.anonymous("{ instance { name description software version registrationPolicy baseUrl } }")
                .statusCode(200)
                .body("errors", nullValue())
                .body("data.instance.name", equalTo("Lyceum Test"))
                .body("data.instance.software", equalTo("lyceum"))
                .body("data.instance.version", not(emptyOrNullString()))
                .body("data.instance.registrationPolicy", equalTo("INVITE"))
                .body("data.instance.baseUrl", equalTo("https://lyceum.test"))
                .body("data.instance.description", not(emptyOrNullString()));
    }

    @Test
    void anonymousCallersHaveNoAccount() {
        GraphQL.anonymous("{ me { username } }")
                .statusCode(200)
                .body("errors", nullValue())
                .body("data.me", nullValue());
    }
}
