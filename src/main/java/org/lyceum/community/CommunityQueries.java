package org.lyceum.community;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.account.PersonView;
import org.lyceum.account.Viewer;
import org.lyceum.common.DomainException;
import org.lyceum.common.Keyset;
import org.lyceum.common.Page;
import org.lyceum.common.PageRequest;
import org.lyceum.database.Sql;

/** Reads of communities and memberships, each one statement; the viewer's person id is always $1. */
@ApplicationScoped
public class CommunityQueries {

    static final String SELECT = "select " + CommunityView.columns("m", "") + " from community m";
    private static final Keyset BY_NAME = Keyset.ascending("lower(m.name)", "text", "m.id", "uuid");

    private final Sql sql;

    CommunityQueries(Sql sql) {
        this.sql = sql;
    }

    /** By handle, "name" for local communities or "name@host"; private ones too (their content stays hidden). */
    public Uni<CommunityView> byName(Viewer viewer, String handle) {
        if (handle == null || handle.isBlank() || handle.length() > 300) {
            return Uni.createFrom().nullItem();
        }
        String[] parts = handle.strip().toLowerCase(Locale.ROOT).split("@", 2);
        return sql.one(
                SELECT + " where lower(m.name) = $2 and coalesce(m.host, '') = $3 and m.deleted_at is null",
                r -> CommunityView.from(r, ""),
                viewer.personId(),
                parts[0],
                parts.length > 1 ? parts[1] : "");
    }

    /** Those of these communities that exist (deleted ones are absent), by id: one statement for a page. */
    public Uni<java.util.Map<UUID, CommunityView>> byIds(Viewer viewer, List<UUID> ids) {
        return sql.list(
                        SELECT + " where m.id = any($2) and m.deleted_at is null",
                        r -> CommunityView.from(r, ""),
                        viewer.personId(),
                        ids.toArray(UUID[]::new))
                .map(found -> {
                    java.util.Map<UUID, CommunityView> byId = new java.util.HashMap<>();
                    found.stream().filter(java.util.Objects::nonNull).forEach(c -> byId.put(c.uuid(), c));
                    return byId;
                });
    }

    public Uni<CommunityView> byId(Viewer viewer, UUID id) {
        return sql.one(
                SELECT + " where m.id = $2 and m.deleted_at is null",
                r -> CommunityView.from(r, ""),
                viewer.personId(),
                id);
    }

    /** Listed communities (public and private, not unlisted) plus those the viewer belongs to. */
    public Uni<Page<CommunityView>> list(Viewer viewer, PageRequest page, CommunityFilter filter) {
        List<@Nullable Object> params = Sql.params(viewer.personId());
        String where = listWhere(filter, params);
        String keyset = BY_NAME.after(page, params.size() + 1, params);
        return sql.list(
                        "select " + CommunityView.columns("m", "") + ", " + BY_NAME.columns()
                                + " from community m where " + where + keyset + BY_NAME.orderAndLimit(page),
                        r -> new Page.Edge<>(
                                BY_NAME.cursorOf(r),
                                Objects.requireNonNull(CommunityView.from(r, ""), "a community row has an id")),
                        params.toArray())
                .map(rows -> Keyset.page(page, rows));
    }

    public Uni<Long> count(Viewer viewer, CommunityFilter filter) {
        List<@Nullable Object> params = Sql.params(viewer.personId());
        String where = listWhere(filter, params);
        return sql.one("select count(*) from community m where " + where, r -> r.getLong(0), params.toArray());
    }

    private static String listWhere(CommunityFilter filter, List<@Nullable Object> params) {
        String mine =
                "exists(select 1 from membership v where v.community_id = m.id and v.person_id = $1 and v.state = 'JOINED')";
        StringBuilder where =
                new StringBuilder("m.deleted_at is null and (m.visibility <> 'UNLISTED' or " + mine + ")");
        if (filter != null && filter.joinedOnly() != null && filter.joinedOnly()) {
            where.append(" and ").append(mine);
        }
        if (filter != null && filter.visibility() != null) {
            params.add(filter.visibility().name());
            where.append(" and m.visibility = $").append(params.size());
        }
        if (filter != null && filter.query() != null && !filter.query().isBlank()) {
            if (filter.query().length() > 100) {
                throw DomainException.invalid("filter.query", "must be at most 100 characters");
            }
            params.add("%"
                    + filter.query()
                            .strip()
                            .toLowerCase(Locale.ROOT)
                            .replace("\\", "\\\\")
                            .replace("%", "\\%")
                            .replace("_", "\\_")
                    + "%");
            where.append(" and (lower(m.name) like $")
                    .append(params.size())
                    .append(" or lower(m.title) like $")
                    .append(params.size())
                    .append(")");
        }
        return where.toString();
    }

    public Uni<MemberView> member(Viewer viewer, UUID communityId, UUID personId) {
        return sql.one(
                "select ms.role, ms.state, ms.created_at since, " + PersonView.columns("p", "p_")
                        + " from membership ms join person p on p.id = ms.person_id where ms.community_id = $2 and ms.person_id = $3",
                r -> MemberView.from(r, communityId),
                viewer.personId(),
                communityId,
                personId);
    }

    /**
     * SQL, for community_ban columns without an alias: the ban holds now. A ban with an end
     * ({@code expires_at}) ends on its own; every check of a ban uses this.
     */
    public static final String BAN_IN_FORCE = "(expires_at is null or expires_at > now())";

    /** FORBIDDEN when the person is banned from the community. */
    public Uni<Void> requireNotBanned(Sql on, UUID communityId, UUID personId) {
        return on.one(
                        "select 1 from community_ban where community_id = $1 and person_id = $2 and " + BAN_IN_FORCE,
                        r -> true,
                        communityId,
                        personId)
                .invoke(banned -> {
                    if (banned != null) {
                        throw DomainException.forbidden("you are banned from this community");
                    }
                })
                .replaceWithVoid();
    }

    /** The community and the viewer's place in it, or NOT_FOUND. */
    public Uni<Standing> standing(Sql on, Viewer viewer, UUID communityId) {
        return on.one(
                        "select m.id, m.visibility, m.deleted_at is not null deleted, m.host is not null remote, x.role, x.state, "
                                + Standings.BANNED + " banned from community m"
                                + " left join membership x on x.community_id = m.id and x.person_id = $1 where m.id = $2",
                        Standings::from,
                        viewer.personId(),
                        communityId)
                .onItem()
                .ifNull()
                .failWith(() -> DomainException.notFound("community"));
    }
}
