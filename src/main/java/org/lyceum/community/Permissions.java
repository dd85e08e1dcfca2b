package org.lyceum.community;

import java.util.UUID;
import org.lyceum.account.Viewer;
import org.lyceum.common.DomainException;

/**
 * Every authorization rule of communities and their content, in one place; docs/permissions.md
 * is this class as a table and PermissionsTest has a test per row. Mutations call these after
 * loading the {@link Standing}; reads filter with {@link #VISIBLE_SQL}, the same rule in SQL.
 */
public final class Permissions {

    /** SQL form of {@link #canSee}: community alias {@code m}, viewer person id $1. */
    public static final String VISIBLE_SQL = visibleTo("$1");

    /**
     * {@link #VISIBLE_SQL} for the person id in the SQL expression {@code person} (community alias
     * {@code m}): live subscriptions check all the subscribers of an event in one statement.
     */
    public static String visibleTo(String person) {
        return "(m.deleted_at is null and (m.visibility <> 'PRIVATE' or exists(select 1 "
                + "from membership v where v.community_id = m.id and v.person_id = " + person
                + " and v.state = 'JOINED')))";
    }

    private Permissions() {}

    /** Content of a private community is for its members only; a deleted community is gone. */
    public static boolean canSee(Standing s) {
        return !s.deleted() && (s.visibility() != Visibility.PRIVATE || s.joined());
    }

    /** Read access to content; NOT_FOUND rather than FORBIDDEN, so outsiders learn nothing. */
    public static void see(Standing s) {
        if (!canSee(s)) {
            throw DomainException.notFound("object");
        }
    }

    /** Likes, bookmarks and follows: anyone signed in who can see the object. */
    public static void react(Viewer v, Standing s) {
        see(s);
    }

    /** Collections, resources, threads and replies are created by members. */
    public static void contribute(Viewer v, Standing s) {
        see(s);
        if (!s.joined()) {
            throw DomainException.forbidden("join the community to contribute to it");
        }
    }

    /** Community settings and join requests: owner and moderators. */
    public static void moderate(Viewer v, Standing s) {
        see(s);
        if (!s.moderator()) {
            throw DomainException.forbidden("only the community's owner and moderators may do this");
        }
    }

    /** Member roles: the owner. */
    public static void manageRoles(Viewer v, Standing s) {
        see(s);
        if (!s.owner()) {
            throw DomainException.forbidden("only the community's owner may change roles");
        }
    }

    /** Ownership transfer and deleting the community: the owner, or an instance admin. */
    public static void own(Viewer v, Standing s) {
        if (s.deleted()) {
            throw DomainException.notFound("community");
        }
        if (!s.owner() && !v.admin()) {
            throw DomainException.forbidden("only the community's owner or an instance admin may do this");
        }
    }

    /**
     * Editing: authors edit what they wrote while they may see it; moderators also edit
     * collections and resources (curation), but never someone else's words in a discussion.
     */
    public static void edit(Viewer v, Standing s, UUID authorId, boolean discussion) {
        see(s);
        boolean author = authorId.equals(v.personId());
        if (!author && (discussion || !s.moderator())) {
            throw DomainException.forbidden(
                    discussion
                            ? "only the author may edit this"
                            : "only the author and the community's moderators may edit this");
        }
    }

    /**
     * Deleting content: its author only. Moderators and instance staff take someone else's
     * content down with removeObject (reversible, logged, with a reason), never by deleting it.
     */
    public static void delete(Viewer v, Standing s, UUID authorId) {
        see(s);
        if (!authorId.equals(v.personId())) {
            throw DomainException.forbidden(
                    "only the author deletes this; moderators and instance staff remove it with removeObject");
        }
    }

    /** Removing, restoring and locking content: the community's owner and moderators, and instance staff. */
    public static void removeContent(Viewer v, Standing s) {
        if (v.instanceStaff()) {
            return;
        }
        moderate(v, s);
    }

    /** Purging content (deleting it for good): instance admins. */
    public static void purge(Viewer v) {
        if (!v.admin()) {
            throw DomainException.forbidden("only instance admins purge content");
        }
    }

    /** Replying in a locked thread: the community's owner and moderators, and instance staff. */
    public static void replyWhileLocked(Viewer v, Standing s) {
        if (!v.instanceStaff() && !s.moderator()) {
            throw DomainException.forbidden("the thread is locked: only its community's moderators reply");
        }
    }

    /**
     * Featuring in a community (its collections, resources and threads; a featured thread is
     * pinned): its owner and moderators, in a community of this instance (another server's
     * community's list is set there).
     */
    public static void featureInCommunity(Viewer v, Standing s) {
        moderate(v, s);
        if (s.remote()) {
            throw DomainException.forbidden("another server's community is featured there");
        }
    }

    /** Featuring on the instance (communities and collections): instance admins. */
    public static void featureOnInstance(Viewer v) {
        if (!v.admin()) {
            throw DomainException.forbidden("only instance admins feature on the instance");
        }
    }
}
