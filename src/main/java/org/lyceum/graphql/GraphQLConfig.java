package org.lyceum.graphql;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Limits every GraphQL document is measured against before it runs, and the time limits of its
 * execution (docs/configuration.md).
 */
@ConfigMapping(prefix = "lyceum.graphql")
public interface GraphQLConfig {

    /**
     * Largest GraphQL request body. GraphQL's own, so that it stays small whatever other endpoints
     * take (files go to {@code POST /uploads}, whose limits are {@code lyceum.media.max-size.*}).
     */
    @WithDefault("1M")
    io.quarkus.runtime.configuration.MemorySize maxBodySize();

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

    /**
     * Longest a query or mutation may run: past it the client gets {@code TIMEOUT} and the
     * request's statements still running are cancelled. Subscriptions are not subject to it.
     */
    @WithDefault("10s")
    Duration deadline();

    /**
     * PostgreSQL {@code statement_timeout} of the statements a GraphQL request runs; background
     * work (jobs, inbox processing, deliveries, digests) keeps the database's own.
     */
    @WithDefault("5s")
    Duration statementTimeout();
}
