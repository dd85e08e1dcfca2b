package org.lyceum.block;

import java.util.List;

/**
 * The one SQL predicate of blocks and mutes, which feeds, search, comment lists, notifications and
 * live events all use: true when the viewer blocks or mutes any of the given people or
 * communities, or blocks the server (host) of any of the given hosts. Each part is an index probe
 * of a primary key ({@code person_block (blocker_id, blocked_id)}, {@code person_domain_block
 * (person_id, domain)}), so filtering a page costs a probe or two per row; a null viewer (anonymous)
 * hides nothing.
 *
 * <p>The lists are written {@code = any(array[...])}, even of one: a plain {@code =} lets PostgreSQL
 * hash all of the viewer's blocks once per statement instead (a thousand rows read to filter a
 * page of twenty).
 */
public final class Blocks {

    /** How many people and communities one person may block, and mute, each (CONFLICT beyond). */
    public static final int MAX_PER_KIND = 1000;

    /** How many domains one person may block (CONFLICT beyond). */
    public static final int MAX_DOMAINS = 1000;

    private Blocks() {}

    /**
     * The predicate, as SQL: {@code viewer} an expression of the viewer's person id (a parameter
     * such as {@code $1}, or a column), {@code ids} expressions of person or community ids,
     * {@code hosts} expressions of hosts (null for this instance's, which no domain block covers).
     */
    public static String hidden(String viewer, List<String> ids, List<String> hosts) {
        String blocked = "exists(select 1 from person_block hb where hb.blocker_id = " + viewer
                + " and hb.blocked_id = any(array[" + String.join(", ", ids) + "]))";
        if (hosts.isEmpty()) {
            return "(" + blocked + ")";
        }
        return "(" + blocked + " or exists(select 1 from person_domain_block hd where hd.person_id = " + viewer
                + " and hd.domain = any(array[" + String.join(", ", hosts) + "])))";
    }

    /**
     * Content as the read model joins it ({@link org.lyceum.content.ContentSql}): its author and
     * community, named by the joined rows' ids ({@code a.id}, {@code m.id}) rather than the content's
     * own columns, so that PostgreSQL checks it where those rows join, on the rows a feed's scope
     * kept, and not on every row it scans to find them (7 times fewer probes in bench/homefeed.sh).
     */
    public static String hiddenContent(String viewer) {
        return hidden(viewer, List.of("a.id", "m.id"), List.of("a.host", "m.host"));
    }

    /**
     * True when {@code blocker} blocks (not merely mutes) {@code blocked}, a person id expression:
     * the check before a reply or a mention.
     */
    public static String blocks(String blocker, String blocked) {
        return "exists(select 1 from person_block bb where bb.blocker_id = " + blocker + " and bb.blocked_id = "
                + blocked + " and not bb.mute)";
    }
}
