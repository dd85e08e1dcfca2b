package org.lyceum.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import graphql.ExceptionWhileDataFetching;
import graphql.GraphQLError;
import graphql.execution.ResultPath;
import io.vertx.pgclient.PgException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.lyceum.common.DomainException;

class ErrorMapperTest {

    @Test
    void unexpectedFailuresAreInternalAndTheirMessageStaysInTheLog() {
        GraphQLError mapped =
                ErrorMapper.map(fetching(new IllegalStateException("password=hunter2 at db.internal:5432")));
        assertEquals("INTERNAL", mapped.getExtensions().get("code"));
        assertFalse(mapped.getMessage().contains("hunter2"));
        assertTrue(mapped.getMessage().contains((String) mapped.getExtensions().get("errorId")));
        assertEquals(java.util.List.of("me"), mapped.getPath());
    }

    @Test
    void domainFailuresKeepTheirCodeMessageAndFieldThroughWrappers() {
        GraphQLError mapped = ErrorMapper.map(
                fetching(new CompletionException(DomainException.invalid("email", "is not an email address"))));
        assertEquals("INVALID_INPUT", mapped.getExtensions().get("code"));
        assertEquals("email", mapped.getExtensions().get("field"));
        assertEquals("email: is not an email address", mapped.getMessage());
    }

    @Test
    void aCancelledStatementIsATimeoutNotAnInternalError() {
        // As Hibernate Reactive or a resolver may hand it on: wrapped, with PostgreSQL's query_canceled inside.
        GraphQLError mapped = ErrorMapper.map(fetching(new CompletionException(new IllegalStateException(
                "while loading",
                new PgException("canceling statement due to statement timeout", "ERROR", "57014", null)))));
        assertEquals("TIMEOUT", mapped.getExtensions().get("code"));
        assertFalse(mapped.getExtensions().containsKey("errorId"));
    }

    private static ExceptionWhileDataFetching fetching(Throwable t) {
        return new ExceptionWhileDataFetching(ResultPath.parse("/me"), t, null);
    }
}
