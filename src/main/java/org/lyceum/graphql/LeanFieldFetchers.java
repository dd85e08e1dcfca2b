package org.lyceum.graphql;

import graphql.GraphQL;
import graphql.TrivialDataFetcher;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.DelegatingDataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.SelectedField;
import io.smallrye.graphql.execution.datafetcher.FieldDataFetcher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;

/**
 * SmallRye's fetcher of a plain field (a record component such as {@code title}) fills its
 * request context for every value it reads, including the field's whole selected sub-tree as
 * JSON. Nothing reads that context for a plain field (it is cleared as soon as the value is read),
 * yet computing the selection was the largest single cost of homeFeed (about 17 % of the app's
 * CPU, docs/benchmarks.md). This hands those fetchers an environment whose selection set is empty;
 * everything else, the transformations of dates and numbers included, stays SmallRye's.
 * Resolver methods (queries, mutations, {@code @Source} fields) keep the full environment.
 */
@ApplicationScoped
public class LeanFieldFetchers {

    private final ServedSchema schema;

    LeanFieldFetchers(ServedSchema schema) {
        this.schema = schema;
    }

    void beforeBuild(@Observes GraphQL.Builder builder) {
        GraphQLSchema original = schema.get();
        GraphQLCodeRegistry registry = original.getCodeRegistry().transform(r -> {
            for (GraphQLObjectType type : original.getAllTypesAsList().stream()
                    .filter(GraphQLObjectType.class::isInstance)
                    .map(GraphQLObjectType.class::cast)
                    .toList()) {
                for (GraphQLFieldDefinition field : type.getFieldDefinitions()) {
                    FieldCoordinates at = FieldCoordinates.coordinates(type, field);
                    if (original.getCodeRegistry().getDataFetcher(at, field) instanceof FieldDataFetcher<?> plain) {
                        r.dataFetcher(at, new Lean(plain));
                    }
                }
            }
        });
        builder.schema(original.transformWithoutTypes(b -> b.codeRegistry(registry)));
    }

    /** Still trivial to graphql-java, so it keeps skipping field instrumentation for these. */
    private record Lean(FieldDataFetcher<?> plain) implements DataFetcher<Object>, TrivialDataFetcher<Object> {
        @Override
        public Object get(DataFetchingEnvironment env) throws Exception {
            return plain.get(new DelegatingDataFetchingEnvironment(env) {
                @Override
                public DataFetchingFieldSelectionSet getSelectionSet() {
                    return NoSelection.INSTANCE;
                }
            });
        }
    }

    private enum NoSelection implements DataFetchingFieldSelectionSet {
        INSTANCE;

        @Override
        public boolean contains(String fieldGlobPattern) {
            return false;
        }

        @Override
        public boolean containsAnyOf(String fieldGlobPattern, String... fieldGlobPatterns) {
            return false;
        }

        @Override
        public boolean containsAllOf(String fieldGlobPattern, String... fieldGlobPatterns) {
            return false;
        }

        @Override
        public List<SelectedField> getFields() {
            return List.of();
        }

        @Override
        public List<SelectedField> getImmediateFields() {
            return List.of();
        }

        @Override
        public List<SelectedField> getFields(String fieldGlobPattern, String... fieldGlobPatterns) {
            return List.of();
        }

        @Override
        public Map<String, List<SelectedField>> getFieldsGroupedByResultKey() {
            return Map.of();
        }

        @Override
        public Map<String, List<SelectedField>> getFieldsGroupedByResultKey(
                String fieldGlobPattern, String... fieldGlobPatterns) {
            return Map.of();
        }
    }
}
