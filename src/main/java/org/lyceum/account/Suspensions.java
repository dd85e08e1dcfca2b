package org.lyceum.account;

/**
 * The one definition of "suspended now", for every read that leaves out a suspended person's
 * content. A suspension is {@code person.suspended_until} in the future ('infinity' until lifted), so
 * it ends on its own when that moment passes, with no job. Few people are suspended: the anti-join
 * reads only the partial index {@code person_suspended}.
 */
public final class Suspensions {

    /** SQL: the person whose id is in {@code personId} is suspended at this moment (alias {@code sp}). */
    public static String suspended(String personId) {
        return "exists(select 1 from person sp where sp.id = " + personId + " and sp.suspended_until > now())";
    }

    /** SQL: the person whose id is in {@code personId} is not suspended at this moment. */
    public static String notSuspended(String personId) {
        return "not " + suspended(personId);
    }

    /** SQL, given person columns of alias {@code p}: suspended now. */
    public static final String ACTIVE = "p.suspended_until > now()";

    /** SQL, given person columns of alias {@code p}: the end of the suspension in force, null when until lifted or none. */
    public static final String UNTIL =
            "case when p.suspended_until > now() and p.suspended_until <> 'infinity' then p.suspended_until end";

    private Suspensions() {}
}
