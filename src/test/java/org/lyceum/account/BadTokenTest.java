package org.lyceum.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.lyceum.support.Api;
import org.lyceum.support.Rows;
import org.lyceum.support.Tokens;

/** Tokens the issuer did not sign, no longer vouches for, or issued for another application get 401 before GraphQL runs. */
@QuarkusTest
class BadTokenTest {

    @Inject
    DataSource db;

    @Test
    void anExpiredTokenIsRefused() {
        assertRefused(
                Tokens.user("pablo").expiresAt(Instant.now().minusSeconds(120)).sign());
    }

    @Test
    void aTokenWithABrokenSignatureIsRefused() {
        String token = Tokens.user("quinn").sign();
        int dot = token.lastIndexOf('.');
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        signature[10] ^= 0x01;
        assertRefused(token.substring(0, dot + 1)
                + Base64.getUrlEncoder().withoutPadding().encodeToString(signature));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forged = Jwt.claims()
                .issuer(Tokens.ISSUER)
                .subject("forged")
                .claim("preferred_username", "rosa")
                .expiresIn(300)
                .jws()
                .keyId("1")
                .sign(generator.generateKeyPair().getPrivate());
        assertRefused(forged);
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        assertRefused(Tokens.user("sami").issuer("https://other-realm.example").sign());
    }

    @Test
    void aTokenIssuedForAnotherApplicationIsRefused() {
        assertRefused(Tokens.user("ursula").audience("account", "another-app").sign());
    }

    @Test
    void aTokenWithoutAnAudienceIsRefused() {
        assertRefused(Tokens.user("vera").audience().sign());
    }

    @Test
    void aTokenNamingLyceumAmongOtherAudiencesIsAccepted() {
        given().auth()
                .oauth2(Tokens.user(Api.unique("wanda"))
                        .audience("account", Tokens.AUDIENCE)
                        .sign())
                .contentType("application/json")
                .body(Map.of("query", "{ me { username } }"))
                .post("/graphql")
                .then()
                .statusCode(200)
                .body("errors", nullValue());
    }

    @Test
    void anUnsignedOrMalformedTokenIsRefused() {
        String header = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        String body = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        ("{\"iss\":\"" + Tokens.ISSUER + "\",\"sub\":\"x\",\"preferred_username\":\"tess\",\"exp\":"
                                        + (Instant.now().getEpochSecond() + 300) + "}")
                                .getBytes(StandardCharsets.UTF_8));
        assertRefused(header + "." + body + ".");
        assertRefused("not-a-token");
    }

    private void assertRefused(String token) {
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("query", "{ me { username } }"))
                .post("/graphql")
                .then()
                .statusCode(401);
        assertEquals(
                0,
                Rows.count(
                        db,
                        "select count(*) from person where username in ('pablo','quinn','rosa','sami','tess','ursula','vera')"));
    }
}
