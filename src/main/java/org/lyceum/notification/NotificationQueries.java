package org.lyceum.notification;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.common.DomainException;
import org.lyceum.common.GlobalId;
import org.lyceum.common.Keyset;
import org.lyceum.common.Page;
import org.lyceum.common.PageRequest;
import org.lyceum.database.Sql;

/** The caller's notifications: a page is one statement, with each one's actor and community. */
@ApplicationScoped
public class NotificationQueries {

    static final int MARK_MAX = 100;
    private static final Keyset NEWEST = Keyset.descending("n.seq", "bigint");
    private static final String UNREAD = " and n.read_at is null";

    private final Sql sql;

    NotificationQueries(Sql sql) {
        this.sql = sql;
    }

    public Uni<Page<NotificationView>> page(UUID recipient, boolean unreadOnly, PageRequest page) {
        List<@Nullable Object> params = Sql.params(recipient);
        String after = NEWEST.after(page, 2, params);
        return sql.list(
                        "select " + NotificationView.COLUMNS + ", " + NEWEST.columns() + NotificationView.FROM
                                + " where n.recipient_id = $1" + (unreadOnly ? UNREAD : "") + after
                                + NEWEST.orderAndLimit(page),
                        r -> new Page.Edge<>(NEWEST.cursorOf(r), NotificationView.from(r)),
                        params.toArray())
                .map(rows -> Keyset.page(page, rows));
    }

    public Uni<Long> count(UUID recipient, boolean unreadOnly) {
        return sql.one(
                "select count(*) from notification n where n.recipient_id = $1" + (unreadOnly ? UNREAD : ""),
                r -> r.getLong(0),
                recipient);
    }

    /** One notification of its recipient, or null: live updates load each new one with it. */
    public Uni<NotificationView> bySeq(UUID recipient, long seq) {
        return sql.one(
                "select " + NotificationView.COLUMNS + NotificationView.FROM
                        + " where n.recipient_id = $1 and n.seq = $2",
                NotificationView::from,
                recipient,
                seq);
    }

    /** Marks these (exactly one of ids or all) read; how many were unread. */
    public Uni<Integer> markRead(UUID recipient, MarkNotificationsReadInput in) {
        boolean all = Boolean.TRUE.equals(in.all());
        List<String> ids = in.ids();
        if (all == (ids != null)) {
            throw DomainException.invalid("input", "give either ids or all: true");
        }
        if (ids == null) {
            return sql.run(
                    "update notification set read_at = now() where recipient_id = $1 and read_at is null", recipient);
        }
        if (ids.size() > MARK_MAX) {
            throw DomainException.invalid("ids", "at most " + MARK_MAX + " at a time");
        }
        UUID[] uuids = ids.stream()
                .map(id -> GlobalId.uuid("ids", id, NotificationView.TYPE))
                .toArray(UUID[]::new);
        return sql.run(
                "update notification set read_at = now() where recipient_id = $1 and id = any($2) and read_at is null",
                recipient,
                uuids);
    }
}
