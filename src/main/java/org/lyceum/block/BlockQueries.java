package org.lyceum.block;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.account.PersonQueries;
import org.lyceum.account.PersonView;
import org.lyceum.account.Viewer;
import org.lyceum.community.CommunityQueries;
import org.lyceum.community.CommunityView;
import org.lyceum.database.Sql;
import org.lyceum.graphql.Node;

/** The caller's own blocks, mutes and blocked domains, newest first (bounded by the caps of {@link Blocks}). */
@ApplicationScoped
public class BlockQueries {

    private record Row(UUID id, boolean person) {}

    private final Sql sql;
    private final PersonQueries people;
    private final CommunityQueries communities;

    BlockQueries(Sql sql, PersonQueries people, CommunityQueries communities) {
        this.sql = sql;
        this.people = people;
        this.communities = communities;
    }

    /** The people and communities blocked (mute false) or muted (true); deleted communities are left out. */
    public Uni<List<Node>> of(Viewer v, boolean mute) {
        return sql.list(
                        "select blocked_id, blocked_type = 'PERSON' person from person_block where blocker_id = $1"
                                + " and mute = $2 order by created_at desc, blocked_id",
                        r -> new Row(r.getUUID("blocked_id"), r.getBoolean("person")),
                        v.requirePersonId(),
                        mute)
                .chain(rows -> {
                    List<UUID> persons =
                            rows.stream().filter(Row::person).map(Row::id).toList();
                    List<UUID> groups =
                            rows.stream().filter(r -> !r.person()).map(Row::id).toList();
                    Uni<Map<UUID, PersonView>> p =
                            persons.isEmpty() ? Uni.createFrom().item(Map.of()) : people.byIds(v, persons);
                    Uni<Map<UUID, CommunityView>> c =
                            groups.isEmpty() ? Uni.createFrom().item(Map.of()) : communities.byIds(v, groups);
                    return p.chain(ps -> c.map(cs -> {
                        List<Node> out = new ArrayList<>(rows.size());
                        for (Row r : rows) {
                            @Nullable Node n = r.person() ? ps.get(r.id()) : cs.get(r.id());
                            if (n != null) {
                                out.add(n);
                            }
                        }
                        return out;
                    }));
                });
    }

    public Uni<List<String>> domains(Viewer v) {
        return sql.list(
                "select domain from person_domain_block where person_id = $1 order by domain",
                r -> r.getString("domain"),
                v.requirePersonId());
    }
}
