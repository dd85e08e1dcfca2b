package org.lyceum.graphql;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits every GraphQL document is measured against before it runs (docs/configuration.md). */
@ConfigMapping(prefix = "lyceum.graphql")
public interface GraphQLConfig {

    /**
     * Most nodes one operation may ask for: each connection counts its first/last (or the default
     * page size) times the sizes of the connections around it, every other field 1.
     */
    @WithDefault("10000")
    long maxNodes();

    /** Deepest nesting of fields, introspection aside. */
    @WithDefault("12")
    int maxDepth();

    /** Most aliased fields in one document: aliases let one request repeat an expensive field. */
    @WithDefault("30")
    int maxAliases();

    /**
     * Deepest nesting inside {@code __schema} or {@code __type}: enough for the standard
     * introspection query of graphql-js and the tools built on it, not for arbitrary depth.
     */
    @WithDefault("16")
    int maxIntrospectionDepth();
}
