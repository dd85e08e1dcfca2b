package org.lyceum.common;

import io.vertx.pgclient.PgException;

/** Turns PostgreSQL's unique violations into CONFLICT, the rest into themselves. */
public final class Conflicts {

    private Conflicts() {}

    public static boolean isUniqueViolation(Throwable t) {
        return t instanceof PgException pg && "23505".equals(pg.getSqlState());
    }

    public static Throwable asConflict(Throwable t, String field, String message) {
        return isUniqueViolation(t) ? DomainException.conflict(field, message) : t;
    }
}
