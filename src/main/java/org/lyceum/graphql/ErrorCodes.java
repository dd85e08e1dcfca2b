package org.lyceum.graphql;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQLError;
import graphql.execution.NonNullableFieldWasNullError;
import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.cdi.event.AfterExecute;
import io.smallrye.graphql.execution.context.SmallRyeContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * The one place where every GraphQL error of a request, from parsing to resolvers, gets its
 * {@code extensions.code}. SmallRye fires this after execution and before the response is written.
 */
@ApplicationScoped
public class ErrorCodes {

    void afterExecute(@Observes @AfterExecute Context context) {
        ExecutionResult result = context.unwrap(ExecutionResult.class);
        if (result == null || result.getErrors().isEmpty() || !(context instanceof SmallRyeContext smallRye)) {
            return;
        }
        List<GraphQLError> causes = result.getErrors().stream()
                .filter(e -> !(e instanceof NonNullableFieldWasNullError))
                .toList();
        smallRye.setExecutionResult(ExecutionResultImpl.newExecutionResult()
                .from(result)
                .errors(result.getErrors().stream()
                        .filter(e -> !(e instanceof NonNullableFieldWasNullError) || !explained(e, causes))
                        .map(ErrorMapper::map)
                        .toList())
                .build());
    }

    /**
     * A non-null field that came back null because of another error (a refused argument, a
     * failure at or below it) is that error's consequence: the client gets the cause only. A null
     * no error explains is a bug and stays, as INTERNAL.
     */
    private static boolean explained(GraphQLError nonNull, List<GraphQLError> causes) {
        List<Object> path = nonNull.getPath() == null ? List.of() : nonNull.getPath();
        return causes.stream().anyMatch(cause -> {
            List<Object> at = cause.getPath();
            return at == null
                    || at.isEmpty()
                    || (at.size() >= path.size() && at.subList(0, path.size()).equals(path));
        });
    }
}
