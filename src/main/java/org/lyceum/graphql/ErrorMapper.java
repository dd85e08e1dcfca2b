package org.lyceum.graphql;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExceptionWhileDataFetching;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.ResultPath;
import graphql.introspection.GoodFaithIntrospection;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.pgclient.PgException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.jboss.logging.Logger;
import org.lyceum.common.DomainException;
import org.lyceum.common.ErrorCode;
import org.lyceum.database.RequestStatements;
import org.lyceum.observability.Telemetry;

/**
 * Turns whatever graphql-java and our resolvers produced into the error a client may see:
 * a message that is safe to show and {@code extensions.code} from {@link ErrorCode}.
 * Unexpected failures are logged with an id that the client gets instead of the details.
 */
final class ErrorMapper {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    private ErrorMapper() {}

    static GraphQLError map(GraphQLError error) {
        if (error instanceof ExceptionWhileDataFetching fetching) {
            return fromException(error, unwrap(fetching.getException()));
        }
        ErrorClassification type = error.getErrorType();
        if (error instanceof GoodFaithIntrospection.BadFaithIntrospectionError) {
            // graphql-java's guard against introspection that asks for the same fields again and again.
            return rebuild(error, ErrorCode.BAD_QUERY, error.getMessage(), Map.of());
        }
        if (type == ErrorType.InvalidSyntax || type == ErrorType.ValidationError) {
            return rebuild(error, ErrorCode.BAD_QUERY, error.getMessage(), Map.of());
        }
        if (type == ErrorType.ExecutionAborted) {
            // graphql-java's depth and complexity instrumentations abort with "maximum query ...".
            ErrorCode code = String.valueOf(error.getMessage()).startsWith("maximum query")
                    ? ErrorCode.QUERY_TOO_COMPLEX
                    : ErrorCode.BAD_QUERY;
            return rebuild(error, code, error.getMessage(), Map.of());
        }
        return internal(error, new IllegalStateException(error.getErrorType() + ": " + error.getMessage()));
    }

    private static GraphQLError fromException(GraphQLError error, Throwable cause) {
        if (cause instanceof CoercingParseLiteralException || cause instanceof CoercingParseValueException) {
            // SmallRye's Int takes any JSON number as a variable and fails converting it in the fetcher.
            return rebuild(error, ErrorCode.BAD_QUERY, "an argument is out of range: " + cause.getMessage(), Map.of());
        }
        if (nul(cause)) {
            return rebuild(error, ErrorCode.INVALID_INPUT, "text must not contain NUL (\\u0000) characters", Map.of());
        }
        if (cause instanceof DomainException domain) {
            return rebuild(
                    error,
                    domain.code(),
                    Objects.requireNonNull(domain.getMessage(), "a DomainException is made with a message"),
                    domain.extensions());
        }
        if (cause instanceof AuthenticationFailedException || cause instanceof UnauthorizedException) {
            return rebuild(error, ErrorCode.UNAUTHENTICATED, "sign in to do this", Map.of());
        }
        if (cause instanceof ForbiddenException) {
            return rebuild(error, ErrorCode.FORBIDDEN, "you may not do this", Map.of());
        }
        if (RequestStatements.cancelled(cause)) {
            // statement_timeout, or our cancel at the deadline or when the client left: a limit, not a bug.
            LOG.debugf("Statement cancelled at %s: %s", error.getPath(), cause.getMessage());
            return rebuild(error, ErrorCode.TIMEOUT, RequestStatements.TOO_LONG, Map.of());
        }
        return internal(error, cause);
    }

    private static GraphQLError internal(GraphQLError error, Throwable cause) {
        String id = UUID.randomUUID().toString();
        // The error id the client got and the trace id, in one line: either leads to the other.
        LOG.errorf(cause, "Internal error %s (trace %s) at %s", id, Telemetry.currentTraceId(), error.getPath());
        return rebuild(
                error,
                ErrorCode.INTERNAL,
                "internal error; the server log has the details under " + id,
                Map.of("errorId", id));
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t.getClass().getName().endsWith("GraphQLException"))
                && t.getCause() != null
                && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static GraphQLError rebuild(GraphQLError error, ErrorCode code, String message, Map<String, Object> more) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code.name());
        extensions.putAll(more);
        GraphqlErrorBuilder<?> builder = GraphqlErrorBuilder.newError()
                .message(message)
                .locations(error.getLocations())
                .extensions(extensions)
                // graphql-java copies the classification into extensions; make it ours, not a Java class name.
                .errorType(ErrorClassification.errorClassification(code.name()));
        if (error.getPath() != null) {
            builder.path(ResultPath.fromList(error.getPath()));
        }
        return builder.build();
    }

    /**
     * PostgreSQL's "invalid byte sequence" (22021) for a NUL, the one character its text cannot
     * hold: whatever input reached a statement unchecked, it is the client's text that is wrong.
     */
    private static boolean nul(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg
                    && "22021".equals(pg.getSqlState())
                    && String.valueOf(pg.getErrorMessage()).contains("0x00")) {
                return true;
            }
        }
        return false;
    }
}
