package org.lyceum.graphql;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.cdi.event.AfterExecute;
import io.smallrye.graphql.execution.context.SmallRyeContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

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
        smallRye.setExecutionResult(ExecutionResultImpl.newExecutionResult()
                .from(result)
                .errors(result.getErrors().stream().map(ErrorMapper::map).toList())
                .build());
    }
}
