package org.lyceum.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.lyceum.account.Suspensions;
import org.lyceum.content.CommentView;
import org.lyceum.content.ContentSql;
import org.lyceum.database.Sql;
import org.lyceum.database.SqlRow;
import org.lyceum.social.ActivityView;
import org.lyceum.social.FeedQueries;

/**
 * Live events from the activity log ({@code activity:<seq>}): a new comment for those subscribed
 * to its thread ({@code commentAdded}), every item {@code communityFeed} shows for those subscribed
 * to its community ({@code communityFeedAdded}). A reply written here ({@code ActivityLog.record})
 * and one received from another server ({@code ActivityLog.received}) are both a CREATE row.
 */
@ApplicationScoped
public class ActivityEvents implements LiveKind {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ActivityEvents.class);

    private static final String CREATED = "select act.seq, c.id, c.kind, c.thread_id, c.community_id from activity act"
            + " join content c on c.id = act.object_id where act.seq = any($1) and act.verb = 'CREATE' order by act.seq";
    /** A new comment as anyone sees it ($1 null: no caller's flags) and who of $2 may; $3 its id. */
    private static final String COMMENT = "select " + ContentSql.COLUMNS + ", " + Audience.ALLOWED + " from content c"
            + ContentSql.JOINS + " where c.id = $3 and c.kind = 'COMMENT' and c.deleted_at is null"
            + " and col.deleted_at is null and th.deleted_at is null and " + Suspensions.notSuspended("c.author_id");
    /** A new item of a community feed; $3 the activity's seq. */
    private static final String FEED_ITEM =
            FeedQueries.itemSql(Audience.ALLOWED, " and act.seq = $3 and " + Suspensions.notSuspended("c.author_id"));

    /** Events of one batch whose subscribers are checked and fed at once. */
    private static final int IN_FLIGHT = 8;

    private record Created(long seq, UUID objectId, String kind, @Nullable UUID threadId, UUID communityId) {}

    private final Sql sql;
    private final Listeners<CommentView> comments;
    private final Listeners<ActivityView> feeds;

    ActivityEvents(Sql sql, MeterRegistry meters) {
        this.sql = sql;
        Counter dropped = LiveMetrics.dropped(meters);
        this.comments = new Listeners<>(dropped::increment);
        this.feeds = new Listeners<>(dropped::increment);
    }

    /** New comments of a thread the caller was found to see. */
    Multi<CommentView> comments(UUID threadId, @Nullable UUID personId) {
        return comments.listen(threadId, personId);
    }

    /** New items of a community's feed, for a caller who was found to see it. */
    Multi<ActivityView> feed(UUID communityId, @Nullable UUID personId) {
        return feeds.listen(communityId, personId);
    }

    int open() {
        return comments.size() + feeds.size();
    }

    @Override
    public String prefix() {
        return "activity";
    }

    @Override
    public Uni<Long> latest() {
        return sql.one("select coalesce(max(seq), 0) from activity", r -> r.getLong(0));
    }

    @Override
    public Uni<List<Long>> since(long after, int limit) {
        return sql.list(
                "select seq from activity where seq > $1 order by seq limit $2", r -> r.getLong(0), after, limit);
    }

    @Override
    public Uni<Void> deliver(List<Long> seqs) {
        return sql.list(
                        CREATED,
                        r -> new Created(
                                r.getLong("seq"),
                                r.getUUID("id"),
                                r.getString("kind"),
                                r.getUUID("thread_id"),
                                r.getUUID("community_id")),
                        (Object) seqs.toArray(new Long[0]))
                .onItem()
                .transformToMulti(rows -> Multi.createFrom().iterable(rows))
                // A few at once: one after the other could not keep up with 100 comments a second.
                // Subscribers order what arrives by createdAt.
                .onItem()
                .transformToUni(this::deliver)
                .merge(IN_FLIGHT)
                .collect()
                .last()
                .replaceWithVoid();
    }

    private Uni<Void> deliver(Created event) {
        Uni<Void> comment = event.kind().equals("COMMENT") && event.threadId() != null
                ? send(comments.of(event.threadId()), COMMENT, event.objectId(), ContentSql::from, CommentView.class)
                : Uni.createFrom().voidItem();
        Uni<Void> feed =
                send(feeds.of(event.communityId()), FEED_ITEM, event.seq(), ActivityView::from, ActivityView.class);
        return Uni.combine()
                .all()
                .unis(comment, feed)
                .discardItems()
                // One that fails is logged; the rest of the batch still goes out.
                .onFailure()
                .recoverWithItem(e -> {
                    LOG.warnf("Live activity %d was not delivered: %s", event.seq(), e.getMessage());
                    return null;
                });
    }

    private <T> Uni<Void> send(
            List<Listeners.Listener<T>> listeners,
            String statement,
            Object id,
            Function<SqlRow, ?> view,
            Class<T> type) {
        if (listeners.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return sql.one(statement, r -> r, null, Audience.people(listeners), id)
                .invoke(row -> {
                    if (row == null) {
                        return; // deleted meanwhile, or its thread, collection or community
                    }
                    T item = type.cast(view.apply(row));
                    for (Listeners.Listener<T> listener : Audience.allowed(row, listeners)) {
                        listener.offer(item);
                    }
                })
                .replaceWithVoid();
    }
}
