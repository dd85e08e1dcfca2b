package org.lyceum.notification;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.block.Blocks;
import org.lyceum.database.Sql;

/**
 * Writes notifications in the transaction of their cause, so a rolled-back change notifies nobody.
 * Only local people are notified, never the actor themself, and only a recipient who may see the
 * object, except instance staff told of a report and an author told their content was removed.
 */
@ApplicationScoped
public class Notifications {

    private static final String INSERT =
            "insert into notification (id, recipient_id, kind, actor_id, object_type, object_id, community_id, reason,"
                    + " cause) select gen_random_uuid(), r.id, $2, $3, $4, $5, $6, $7, $8 from person r where ";
    /**
     * Communities are seen by everyone (a private one by name and title), content by whoever may
     * read its community. $9 true: the recipient is told even if they may not see the object.
     */
    private static final String MAY_SEE = " and r.host is null and r.id is distinct from $3"
            // Nobody is told of what someone (or a community, or a server) they block or mute did.
            + " and ($9 or not "
            + Blocks.hidden(
                    "r.id",
                    List.of("$3::uuid", "$6::uuid"),
                    List.of("(select ah.host from person ah where ah.id = $3::uuid)"))
            + ") and ($9 or (($6::uuid is null"
            + " or exists(select 1 from community m where m.id = $6 and m.deleted_at is null"
            + " and ($4 is distinct from 'CONTENT' or m.visibility <> 'PRIVATE' or exists(select 1 from membership v"
            + " where v.community_id = m.id and v.person_id = r.id and v.state = 'JOINED'))))"
            + " and ($4 is distinct from 'CONTENT' or exists(select 1 from content c where c.id = $5"
            + " and c.deleted_at is null))))"
            + " on conflict (recipient_id, kind, cause) do nothing";

    /** These people. */
    public Uni<Integer> to(Sql tx, Notice notice, Collection<UUID> people) {
        if (people.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return insert(tx, "r.id = any($1::uuid[])", people.toArray(UUID[]::new), notice, false);
    }

    public Uni<Integer> to(Sql tx, Notice notice, @Nullable UUID person) {
        return person == null ? Uni.createFrom().item(0) : to(tx, notice, java.util.List.of(person));
    }

    /** The owner and moderators of the notice's community. */
    public Uni<Integer> toModerators(Sql tx, Notice notice) {
        return insert(
                tx,
                "r.id in (select person_id from membership where community_id = $1 and state = 'JOINED'"
                        + " and role in ('OWNER', 'MODERATOR'))",
                notice.communityId(),
                notice,
                false);
    }

    /** Instance admins and moderators, whether or not they may see the object. */
    public Uni<Integer> toStaff(Sql tx, Notice notice) {
        return insert(
                tx,
                "r.id in (select person_id from account where roles && array['admin', 'moderator'])"
                        + " and $1::text is null",
                null,
                notice,
                true);
    }

    /** The author of something removed, who no longer sees it. */
    public Uni<Integer> toAuthor(Sql tx, Notice notice, UUID authorId) {
        return insert(tx, "r.id = $1", authorId, notice, true);
    }

    private static Uni<Integer> insert(
            Sql tx, String recipients, @Nullable Object first, Notice n, boolean regardless) {
        return tx.run(
                INSERT + recipients + MAY_SEE,
                first,
                n.kind().name(),
                n.actorId(),
                n.objectType() == null ? null : n.objectType().name(),
                n.objectId(),
                n.communityId(),
                n.reason(),
                n.cause(),
                regardless);
    }
}
