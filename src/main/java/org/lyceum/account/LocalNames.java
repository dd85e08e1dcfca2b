package org.lyceum.account;

import io.smallrye.mutiny.Uni;
import java.util.Locale;
import org.lyceum.database.Sql;

/**
 * Local people and local communities share one namespace, as their handles do
 * ({@code acct:name@host}): a name is taken when either has it, in any case, and the names the
 * instance keeps for itself are nobody's. Both sides take {@link #LOCK} on the name in the
 * transaction that claims it, so a person and a community created at once cannot both get it.
 */
public final class LocalNames {

    /** Transaction-scoped advisory lock on the lower-cased name $1 (released at commit). */
    static final String LOCK =
            "select 1 from (select pg_advisory_xact_lock(hashtextextended('local-name:' || lower($1), 0))) locked";

    private LocalNames() {}

    /** Whether the instance keeps this name for itself (the usernames' reserved list). */
    public static boolean reserved(String name) {
        return Username.reserved(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Locks {@code name} for the transaction, then answers whether a local person has it; a
     * community being created calls this before it inserts.
     */
    public static Uni<Boolean> lockAndCheckPerson(Sql tx, String name) {
        return tx.one(LOCK, r -> true, name)
                .chain(() -> tx.one(
                        "select exists(select 1 from person where lower(username) = lower($1) and host is null) taken",
                        r -> r.getBoolean("taken"),
                        name))
                .map(Boolean.TRUE::equals);
    }
}
