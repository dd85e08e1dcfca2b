package org.lyceum.digest;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.lyceum.account.AccountService;
import org.lyceum.common.DomainException;
import org.lyceum.database.Sql;

/** A person's digest choices, with the instance's defaults where they made none. */
@ApplicationScoped
public class NotificationSettings {

    private final Sql sql;
    private final AccountService accounts;
    private final DigestConfig config;

    NotificationSettings(Sql sql, AccountService accounts, DigestConfig config) {
        this.sql = sql;
        this.accounts = accounts;
        this.config = config;
    }

    public Uni<NotificationSettingsView> mine() {
        return accounts.requireViewer().chain(v -> of(v.requirePersonId()));
    }

    Uni<NotificationSettingsView> of(UUID person) {
        return sql.one(
                        "select digest, time_zone, hour from notification_setting where person_id = $1",
                        r -> new NotificationSettingsView(
                                DigestFrequency.valueOf(r.getString("digest")),
                                r.getString("time_zone"),
                                r.getInteger("hour"),
                                true),
                        person)
                .onItem()
                .ifNull()
                .continueWith(this::defaults);
    }

    NotificationSettingsView defaults() {
        return new NotificationSettingsView(
                config.defaultFrequency(), config.defaultTimeZone(), config.defaultHour(), false);
    }

    public Uni<NotificationSettingsView> update(NotificationInputs.UpdateNotificationSettings in) {
        if (in.hour() != null && (in.hour() < 0 || in.hour() > 23)) {
            throw DomainException.invalid("hour", "hour must be between 0 and 23");
        }
        return accounts.requireViewer().chain(v -> known(in.timeZone())
                .chain(zone -> of(v.requirePersonId())
                        .chain(current -> set(
                                v.requirePersonId(),
                                in.digest() != null ? in.digest() : current.digest(),
                                zone != null ? zone : current.timeZone(),
                                in.hour() != null ? in.hour() : current.hour())))
                .chain(() -> of(v.requirePersonId())));
    }

    /** Turns digests off; used by the unsubscribe link, which has no signed-in caller. */
    Uni<Void> unsubscribe(UUID person) {
        return sql.run(
                        "insert into notification_setting (person_id, digest, time_zone, hour) values ($1, 'OFF', $2, $3)"
                                + " on conflict (person_id) do update set digest = 'OFF', updated_at = now()",
                        person,
                        config.defaultTimeZone(),
                        config.defaultHour())
                .replaceWithVoid();
    }

    private Uni<Void> set(UUID person, DigestFrequency digest, String zone, int hour) {
        return sql.run(
                        "insert into notification_setting (person_id, digest, time_zone, hour) values ($1, $2, $3, $4)"
                                + " on conflict (person_id) do update set digest = $2, time_zone = $3, hour = $4, updated_at = now()",
                        person,
                        digest.name(),
                        zone,
                        (short) hour)
                .replaceWithVoid();
    }

    /** The planner converts times in PostgreSQL, so the zone must be one PostgreSQL knows by name. */
    private Uni<String> known(String zone) {
        if (zone == null) {
            return Uni.createFrom().nullItem();
        }
        String name = zone.trim();
        return sql.one("select name from pg_timezone_names where name = $1", r -> r.getString("name"), name)
                .onItem()
                .ifNull()
                .failWith(() -> DomainException.invalid(
                        "timeZone", "timeZone must be a time zone name such as Europe/Rome or UTC"));
    }
}
