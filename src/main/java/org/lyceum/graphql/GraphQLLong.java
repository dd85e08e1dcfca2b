package org.lyceum.graphql;

import io.smallrye.graphql.api.CustomIntScalar;
import io.smallrye.graphql.api.CustomScalar;
import java.math.BigInteger;
import org.eclipse.microprofile.graphql.Description;

/**
 * The schema's {@code Long}: a 64-bit integer, for values that outgrow GraphQL's 32-bit {@code Int}
 * (fencing tokens, durations in milliseconds, byte sizes). Counts stay {@code Int}. Serialized as a
 * JSON number; JavaScript clients reading values past 2^53 should treat them as strings.
 */
@CustomScalar("Long")
@Description("A signed 64-bit integer, as a JSON number.")
public final class GraphQLLong implements CustomIntScalar {

    private final long value;

    /** For SmallRye, which parses an input value through this constructor. */
    public GraphQLLong(BigInteger value) {
        this.value = value.longValueExact();
    }

    private GraphQLLong(long value) {
        this.value = value;
    }

    public static GraphQLLong of(long value) {
        return new GraphQLLong(value);
    }

    public long value() {
        return value;
    }

    @Override
    public BigInteger intValueForSerialization() {
        return BigInteger.valueOf(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GraphQLLong o && o.value == value;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
