package org.lyceum.text;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.commonmark.node.Node;
import org.jspecify.annotations.Nullable;
import org.lyceum.block.Blocks;
import org.lyceum.database.Sql;
import org.lyceum.federation.Authority;
import org.lyceum.instance.InstanceConfig;
import org.lyceum.media.MediaConfig;

/**
 * Text as the write paths store it: Markdown rendered once, at write time, to the HTML kept next
 * to it (rendering is CPU work, but small and bounded by {@code Check.BODY_MAX}, so it runs on the
 * event loop); mentions resolved against the {@code person} table and kept in {@code mention}, in
 * the caller's transaction.
 */
@ApplicationScoped
public class Texts {

    private final ImageSources images;
    private final String localHost;

    Texts(InstanceConfig instance, MediaConfig media) {
        List<String> bases = new ArrayList<>();
        bases.add(instance.baseUrl());
        media.publicBaseUrl().ifPresent(bases::add);
        this.images = ImageSources.media(bases);
        this.localHost = Authority.of(URI.create(instance.baseUrl()));
    }

    public ImageSources images() {
        return images;
    }

    /** A summary or description: HTML without mention links; null for null. */
    public @Nullable String html(@Nullable String markdown) {
        return markdown == null ? null : Markdown.toHtml(markdown, images);
    }

    /** A comment: its HTML with the people it mentions linked (one lookup for all handles). */
    public Uni<Rendered> render(Sql tx, String markdown) {
        Node doc = Markdown.parse(markdown);
        List<Mentions.Handle> handles = Mentions.find(doc);
        if (handles.isEmpty()) {
            return Uni.createFrom().item(new Rendered(Markdown.render(doc, images), List.of()));
        }
        String[] names = new String[handles.size()];
        String[] hosts = new String[handles.size()];
        for (int i = 0; i < handles.size(); i++) {
            String key = handles.get(i).key(localHost);
            int at = key.indexOf('@');
            names[i] = key.substring(0, at);
            hosts[i] = key.substring(at + 1);
        }
        return tx.list(
                        "select p.id, p.ap_id, lower(p.username) || '@' || coalesce(p.host, '') handle from person p"
                                + " join unnest($1::text[], $2::text[]) h(u, host)"
                                + " on lower(p.username) = h.u and coalesce(p.host, '') = h.host",
                        r -> Map.entry(
                                r.getString("handle"), new Mentions.Target(r.getUUID("id"), r.getString("ap_id"))),
                        names,
                        hosts)
                .map(found -> {
                    Map<String, Mentions.Target> byKey = new HashMap<>();
                    found.forEach(e -> byKey.put(e.getKey().toLowerCase(java.util.Locale.ROOT), e.getValue()));
                    List<UUID> mentioned = Mentions.link(doc, byKey, localHost);
                    return new Rendered(Markdown.render(doc, images), mentioned);
                });
    }

    /**
     * Makes {@code mention} hold exactly the rendered mentions of the content (an edit may drop
     * some) and gives the people mentioned by this write for the first time.
     */
    public Uni<List<UUID>> storeMentions(Sql tx, UUID contentId, Rendered rendered) {
        UUID[] ids = rendered.mentioned().toArray(UUID[]::new);
        return tx.run("delete from mention where content_id = $1 and person_id <> all($2::uuid[])", contentId, ids)
                .chain(() -> ids.length == 0
                        ? Uni.createFrom().item(List.<UUID>of())
                        : tx.list(
                                // Nobody is mentioned by someone they block.
                                "insert into mention (content_id, person_id) select $1, u from unnest($2::uuid[]) u"
                                        + " where not " + blocksAuthor("u")
                                        + " on conflict do nothing returning person_id",
                                r -> r.getUUID("person_id"),
                                contentId,
                                ids));
    }

    /**
     * Mentions from another server's {@code Mention} tags, replacing the content's earlier ones (an
     * Update may drop some): the hrefs that are people of this instance become rows; gives those
     * mentioned by this activity for the first time.
     */
    public Uni<List<UUID>> storeTagged(Sql tx, UUID contentId, List<String> hrefs) {
        String[] kept = hrefs.stream().limit(Mentions.MAX).toArray(String[]::new);
        return tx.run(
                        "delete from mention m using person p where m.content_id = $1 and p.id = m.person_id"
                                + " and p.ap_id <> all($2::text[])",
                        contentId,
                        kept)
                .chain(() -> kept.length == 0
                        ? Uni.createFrom().item(List.<UUID>of())
                        : tx.list(
                                "insert into mention (content_id, person_id) select $1, p.id from person p"
                                        + " where p.host is null and p.ap_id = any($2) and not "
                                        + blocksAuthor("p.id") + " on conflict do nothing"
                                        + " returning person_id",
                                r -> r.getUUID("person_id"),
                                contentId,
                                kept));
    }

    /** True when the person ({@code person}, an SQL expression) blocks the author of content $1. */
    private static String blocksAuthor(String person) {
        return Blocks.blocks(person, "(select author_id from content where id = $1)");
    }

    /** The stored HTML, or for rows written before V20 the source rendered now (without mention links). */
    public static @Nullable String htmlOr(@Nullable String stored, @Nullable String markdown) {
        if (stored != null) {
            return stored;
        }
        return markdown == null ? null : Markdown.toHtml(markdown, ImageSources.NONE);
    }
}
