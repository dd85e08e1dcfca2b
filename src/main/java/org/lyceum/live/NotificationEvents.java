package org.lyceum.live;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.lyceum.database.Sql;
import org.lyceum.notification.NotificationQueries;
import org.lyceum.notification.NotificationView;

/**
 * Live events of notifications ({@code notification:<seq>}, V21's trigger): each new one goes to
 * its recipient's {@code notificationAdded} subscriptions on this instance, read as the recipient
 * reads it (the row is theirs: nobody else listens under their id).
 */
@ApplicationScoped
public class NotificationEvents implements LiveKind {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(NotificationEvents.class);

    private record Row(long seq, UUID recipient) {}

    private final Sql sql;
    private final NotificationQueries notifications;
    private final Listeners<NotificationView> listeners;

    NotificationEvents(Sql sql, NotificationQueries notifications, MeterRegistry meters) {
        this.sql = sql;
        this.notifications = notifications;
        this.listeners = new Listeners<>(LiveMetrics.dropped(meters)::increment);
    }

    /** The signed-in caller's new notifications. */
    Multi<NotificationView> of(UUID recipient) {
        return listeners.listen(recipient, recipient);
    }

    @Override
    public String prefix() {
        return "notification";
    }

    @Override
    public Uni<Long> latest() {
        return sql.one("select coalesce(max(seq), 0) from notification", r -> r.getLong(0));
    }

    @Override
    public Uni<List<Long>> since(long after, int limit) {
        return sql.list(
                "select seq from notification where seq > $1 order by seq limit $2", r -> r.getLong(0), after, limit);
    }

    @Override
    public Uni<Void> deliver(List<Long> seqs) {
        return sql.list(
                        // Nothing for a recipient suspended or deleted since subscribing.
                        "select seq, recipient_id from notification n where seq = any($1) and "
                                + Audience.listening("n.recipient_id") + " order by seq",
                        r -> new Row(r.getLong("seq"), r.getUUID("recipient_id")),
                        (Object) seqs.toArray(new Long[0]))
                .onItem()
                .transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .filter(row -> !listeners.of(row.recipient()).isEmpty())
                .onItem()
                .transformToUniAndConcatenate(row -> notifications
                        .bySeq(row.recipient(), row.seq())
                        .invoke(view -> {
                            if (view != null) {
                                listeners.of(row.recipient()).forEach(l -> l.offer(view));
                            }
                        })
                        // One that fails is logged; the rest of the batch still goes out.
                        .onFailure()
                        .recoverWithItem(e -> {
                            LOG.warnf("Live notification %d was not delivered: %s", row.seq(), e.getMessage());
                            return null;
                        }))
                .collect()
                .last()
                .replaceWithVoid();
    }
}
