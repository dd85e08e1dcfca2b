package org.lyceum.graphql;

import graphql.Scalars;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLAppliedDirectiveArgument;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.GraphQLUnionType;
import graphql.schema.SchemaTransformer;
import graphql.schema.TypeResolver;
import graphql.schema.idl.SchemaPrinter;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jspecify.annotations.Nullable;

/**
 * The schema as clients see it: SmallRye's, with {@code @specifiedBy} on the scalars that have a
 * published specification, which SmallRye cannot declare. Execution and introspection run on it
 * ({@link LeanFieldFetchers}), and {@code /graphql/schema.graphql} prints it, so the SDL and the
 * introspection answer agree.
 */
@ApplicationScoped
public class ServedSchema {

    /** graphql-scalars' DateTime: RFC 3339 with an offset, which is how SmallRye writes OffsetDateTime. */
    static final String DATE_TIME_SPEC = "https://scalars.graphql.org/andimarek/date-time";

    /** SmallRye's printing options (scalars, no introspection types), plus {@code @specifiedBy}. */
    private static final SchemaPrinter.Options PRINTED = SchemaPrinter.Options.defaultOptions()
            .includeScalarTypes(true)
            .includeIntrospectionTypes(false)
            .includeSchemaDefinition(false)
            .includeDirectiveDefinitions(false)
            .includeDirectives("specifiedBy"::equals)
            .useAstDefinitions(false);

    private final Instance<GraphQLSchema> smallRye;
    private final String sdlPath;
    private volatile @Nullable GraphQLSchema served;
    private volatile @Nullable String sdl;

    ServedSchema(
            Instance<GraphQLSchema> smallRye,
            @ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "graphql") String rootPath) {
        this.smallRye = smallRye;
        this.sdlPath = (rootPath.startsWith("/") ? rootPath : "/" + rootPath) + "/schema.graphql";
    }

    /** Built once; the schema never changes while the application runs. */
    public GraphQLSchema get() {
        GraphQLSchema schema = served;
        if (schema == null) {
            schema = resolvingByName(SchemaTransformer.transformSchema(smallRye.get(), new Specifications()));
            served = schema;
        }
        return schema;
    }

    /**
     * The transformation copies every type that reaches a changed scalar, but SmallRye's type
     * resolvers still answer its own copies, which graphql-java would not match to fragments
     * ({@code ... on Resource} compares types by identity). Each resolver's answer is looked up
     * again by name in the schema being executed.
     */
    private static GraphQLSchema resolvingByName(GraphQLSchema schema) {
        GraphQLCodeRegistry original = schema.getCodeRegistry();
        GraphQLCodeRegistry registry = original.transform(r -> {
            for (GraphQLNamedType type : schema.getAllTypesAsList()) {
                if (type instanceof GraphQLInterfaceType i) {
                    r.typeResolver(i, byName(original.getTypeResolver(i)));
                } else if (type instanceof GraphQLUnionType u) {
                    r.typeResolver(u, byName(original.getTypeResolver(u)));
                }
            }
        });
        return schema.transformWithoutTypes(b -> b.codeRegistry(registry));
    }

    private static TypeResolver byName(TypeResolver resolver) {
        return env -> {
            GraphQLObjectType found = resolver.getType(env);
            return found == null ? null : env.getSchema().getObjectType(found.getName());
        };
    }

    /** Built at start, on the main thread: the transformation takes long enough to stall an event loop. */
    void build(@Observes StartupEvent event) {
        get();
    }

    void register(@Observes Router router) {
        // Before SmallRye's own handler for the same path, which prints the schema without the directives.
        router.route(sdlPath).order(-100).handler(this::printed);
    }

    private void printed(RoutingContext ctx) {
        if (!HttpMethod.GET.equals(ctx.request().method())) {
            ctx.next(); // SmallRye answers OPTIONS and refuses the rest
            return;
        }
        String text = sdl;
        if (text == null) {
            text = new SchemaPrinter(PRINTED).print(get());
            sdl = text;
        }
        ctx.response().putHeader("content-type", "text/plain; charset=UTF-8").end(text);
    }

    private static final class Specifications extends GraphQLTypeVisitorStub {
        @Override
        public TraversalControl visitGraphQLScalarType(
                GraphQLScalarType scalar, TraverserContext<GraphQLSchemaElement> context) {
            if ("DateTime".equals(scalar.getName()) && scalar.getSpecifiedByUrl() == null) {
                // The URL for introspection, the applied directive for the SDL printer.
                return changeNode(context, scalar.transform(b -> b.specifiedByUrl(DATE_TIME_SPEC)
                        .withAppliedDirective(GraphQLAppliedDirective.newDirective()
                                .name("specifiedBy")
                                .argument(GraphQLAppliedDirectiveArgument.newArgument()
                                        .name("url")
                                        .type(GraphQLNonNull.nonNull(Scalars.GraphQLString))
                                        .valueProgrammatic(DATE_TIME_SPEC)))
                        .description("A date and time with its offset from UTC, as RFC 3339 writes it:"
                                + " 2026-11-30T20:04:13.5Z.")));
            }
            return TraversalControl.CONTINUE;
        }
    }
}
