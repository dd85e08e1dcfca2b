package org.lyceum.support;

import static io.restassured.RestAssured.given;

import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.Map;

/** Posts GraphQL documents the way the frontend does. */
public final class GraphQL {

    private GraphQL() {}

    public static ValidatableResponse anonymous(String query) {
        return post(given(), query, Map.of());
    }

    public static ValidatableResponse anonymous(String query, Map<String, Object> variables) {
        return post(given(), query, variables);
    }

    public static ValidatableResponse as(String token, String query) {
        return as(token, query, Map.of());
    }

    public static ValidatableResponse as(String token, String query, Map<String, Object> variables) {
        return post(given().auth().oauth2(token), query, variables);
    }

    private static ValidatableResponse post(RequestSpecification spec, String query, Map<String, Object> variables) {
        return spec.contentType("application/json")
                .body(Map.of("query", query, "variables", variables))
                .post("/graphql")
                .then();
    }
}
