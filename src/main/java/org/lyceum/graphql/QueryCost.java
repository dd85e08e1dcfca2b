package org.lyceum.graphql;

import graphql.introspection.Introspection;
import graphql.language.Argument;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.lyceum.common.PageRequest;

/**
 * What one operation would cost, measured on the parsed document before anything runs, the way
 * GitHub's GraphQL API counts nodes: a connection costs its {@code first}/{@code last} (the default
 * page size when absent) multiplied by the sizes of the connections around it; every other field
 * costs 1. Depth counts nested fields. Introspection ({@code __schema}, {@code __type}) is measured
 * apart: it costs nothing here and has a depth bound of its own.
 */
final class QueryCost {

    /** Fields walked before giving up: fragments spread into each other can multiply a small document. */
    static final int MAX_WALK = 100_000;

    record Measure(long cost, int depth, int aliases, int schemaFields, int introspectionDepth, boolean overflow) {}

    private final GraphQLSchema schema;
    private final Map<String, FragmentDefinition> fragments = new HashMap<>();
    private final Map<String, Object> variables;
    private final Deque<String> spreading = new ArrayDeque<>();
    private long cost;
    private int depth;
    private int aliases;
    private int schemaFields;
    private int introspectionDepth;
    private int walked;

    private QueryCost(GraphQLSchema schema, Document document, Map<String, Object> variables) {
        this.schema = schema;
        this.variables = variables;
        document.getDefinitionsOfType(FragmentDefinition.class).forEach(f -> fragments.put(f.getName(), f));
    }

    /** The measure of the operation the request selects; null when none can be told (validation reports it). */
    static @Nullable Measure of(
            GraphQLSchema schema, Document document, @Nullable String operationName, Map<String, Object> variables) {
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        OperationDefinition operation = operationName == null
                ? (operations.size() == 1 ? operations.get(0) : null) // several and no name: graphql-java refuses it
                : operations.stream()
                        .filter(o -> operationName.equals(o.getName()))
                        .findFirst()
                        .orElse(null);
        if (operation == null) {
            return null;
        }
        GraphQLFieldsContainer root =
                switch (operation.getOperation()) {
                    case MUTATION -> schema.getMutationType();
                    case SUBSCRIPTION -> schema.getSubscriptionType();
                    default -> schema.getQueryType();
                };
        QueryCost walk = new QueryCost(schema, document, variables);
        boolean complete = root == null || walk.selections(operation.getSelectionSet(), root, 1, 1L, 0);
        return new Measure(walk.cost, walk.depth, walk.aliases, walk.schemaFields, walk.introspectionDepth, !complete);
    }

    /** False when the walk gave up (too many fields); the measure then stands for "too much". */
    private boolean selections(SelectionSet set, GraphQLFieldsContainer parent, int level, long multiplier, int intro) {
        if (set == null) {
            return true;
        }
        for (Selection<?> selection : set.getSelections()) {
            if (++walked > MAX_WALK) {
                return false;
            }
            boolean ok = true;
            if (selection instanceof Field field) {
                ok = field(field, parent, level, multiplier, intro);
            } else if (selection instanceof InlineFragment inline) {
                GraphQLFieldsContainer on = inline.getTypeCondition() == null
                        ? parent
                        : container(schema.getType(inline.getTypeCondition().getName()), parent);
                ok = selections(inline.getSelectionSet(), on, level, multiplier, intro);
            } else if (selection instanceof FragmentSpread spread) {
                FragmentDefinition fragment = fragments.get(spread.getName());
                if (fragment != null && !spreading.contains(spread.getName())) { // a cycle is validation's to refuse
                    spreading.push(spread.getName());
                    GraphQLFieldsContainer on =
                            container(schema.getType(fragment.getTypeCondition().getName()), parent);
                    ok = selections(fragment.getSelectionSet(), on, level, multiplier, intro);
                    spreading.pop();
                }
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private boolean field(Field field, GraphQLFieldsContainer parent, int level, long multiplier, int intro) {
        if (field.getAlias() != null) {
            aliases++;
        }
        String name = field.getName();
        if (intro > 0 || name.equals("__schema") || name.equals("__type")) {
            int nested = intro + 1;
            introspectionDepth = Math.max(introspectionDepth, nested);
            if (name.equals("__schema")) {
                schemaFields++;
            }
            // __schema and __type are not fields of the query type: graphql-java keeps them apart.
            GraphQLFieldDefinition definition = name.equals("__schema")
                    ? Introspection.SchemaMetaFieldDef
                    : name.equals("__type") ? Introspection.TypeMetaFieldDef : definition(parent, name);
            return definition == null
                    || selections(
                            field.getSelectionSet(),
                            container(definition.getType(), parent),
                            level,
                            multiplier,
                            nested);
        }
        if (name.equals("__typename")) {
            return true;
        }
        depth = Math.max(depth, level);
        GraphQLFieldDefinition definition = definition(parent, name);
        if (definition == null) {
            return true; // unknown: validation refuses it
        }
        long inner = multiplier;
        if (connection(definition)) {
            inner = times(multiplier, pageSize(field));
            cost = plus(cost, inner);
        } else {
            cost = plus(cost, 1);
        }
        return selections(field.getSelectionSet(), container(definition.getType(), parent), level + 1, inner, 0);
    }

    private static @Nullable GraphQLFieldDefinition definition(GraphQLFieldsContainer parent, String name) {
        return parent.getFieldDefinition(name);
    }

    /** The type whose fields a selection set reads; the parent stands in where there is none (a scalar, a union). */
    private static GraphQLFieldsContainer container(@Nullable GraphQLType type, GraphQLFieldsContainer parent) {
        GraphQLType bare = type == null ? null : GraphQLTypeUtil.unwrapAll(type);
        return bare instanceof GraphQLFieldsContainer fields ? fields : parent;
    }

    /** A Relay connection: a *Connection type reached through a field that pages with first or last. */
    private static boolean connection(GraphQLFieldDefinition definition) {
        GraphQLType bare = GraphQLTypeUtil.unwrapAll(definition.getType());
        return bare instanceof GraphQLFieldsContainer container
                && container.getName().endsWith("Connection")
                && (definition.getArgument("first") != null || definition.getArgument("last") != null);
    }

    private long pageSize(Field field) {
        long size = -1;
        for (Argument argument : field.getArguments()) {
            if (argument.getName().equals("first") || argument.getName().equals("last")) {
                size = Math.max(size, number(argument.getValue()));
            }
        }
        return size < 0 ? PageRequest.DEFAULT : size;
    }

    private long number(Value<?> value) {
        if (value instanceof IntValue literal) {
            return literal.getValue()
                    .min(java.math.BigInteger.valueOf(Integer.MAX_VALUE))
                    .max(java.math.BigInteger.ZERO)
                    .longValue();
        }
        if (value instanceof VariableReference reference && variables.get(reference.getName()) instanceof Number n) {
            return Math.max(0, n.longValue());
        }
        return -1;
    }

    private static long times(long a, long b) {
        long product = a * b;
        return a != 0 && (product / a != b || product < 0) ? Long.MAX_VALUE : product;
    }

    private static long plus(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
