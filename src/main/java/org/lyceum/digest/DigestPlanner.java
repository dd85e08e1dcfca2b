package org.lyceum.digest;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.lyceum.database.Sql;
import org.lyceum.job.Failpoints;
import org.lyceum.job.JobContext;

/**
 * The singleton half of digests: writes one ledger row per person whose digest is due, in one
 * fenced statement. (person_id, period) is unique, so planning a period again adds nothing; the
 * sending instances share the rows. A row covers [since, until): since is where the person's
 * cursor stood (the end of their last planned digest), until the planning time.
 *
 * <p>A period is named after the person's local time shifted back by their preferred hour: the
 * daily period "D2026-11-25" begins at that hour on that local date, the weekly "W2026-W48" at
 * that hour on Monday. Any planning run after the start, by any instance, plans the same row;
 * a run missed while every instance was down is caught up by the next one.
 */
@ApplicationScoped
public class DigestPlanner {

    private static final String LOCAL =
            "((now() at time zone coalesce(s.time_zone, $4::text)) - make_interval(hours => coalesce(s.hour::int, $5::int)))";
    private static final String CALENDAR_PERIOD = "case coalesce(s.digest, $2) when 'DAILY' then 'D' || to_char("
            + LOCAL + ", 'YYYY-MM-DD') else 'W' || to_char(" + LOCAL + ", 'IYYY-\"W\"IW') end";
    private static final String FIXED_PERIOD = "'T' || (floor(extract(epoch from now()) * 1000 / $4::bigint))::bigint";

    private final DigestConfig config;
    private final Failpoints failpoints;

    DigestPlanner(DigestConfig config, Failpoints failpoints) {
        this.config = config;
        this.failpoints = failpoints;
    }

    public Uni<String> plan(JobContext job) {
        List<@Nullable Object> params = Sql.params(
                job.lease().token(),
                config.defaultFrequency().name(),
                config.settle().toMillis());
        String period;
        if (config.periodOverride().isPresent()) {
            period = FIXED_PERIOD;
            params.add(Math.max(1, config.periodOverride().get().toMillis()));
        } else {
            period = CALENDAR_PERIOD;
            params.add(config.defaultTimeZone());
            params.add(config.defaultHour());
        }
        if (!job.coordinated()) {
            // Test switch: each instance plans (and later sends) its own rows, as uncoordinated schedulers would.
            params.add(job.holder());
            period = "(" + period + ") || '@' || $" + params.size();
        }
        // One statement: the ledger rows, and each planned person's cursor moved to the new row's end.
        String insert = "with planned as (insert into digest_delivery (person_id, period, since, until, plan_token)"
                + " select p.id, " + period
                + ", coalesce(c.until, a.created_at), now() - $3 * interval '1 millisecond', $1"
                + " from account a join person p on p.id = a.person_id"
                + " left join notification_setting s on s.person_id = p.id"
                + " left join digest_cursor c on c.person_id = p.id"
                + " where a.email is not null and a.email_verified and coalesce(s.digest, $2) <> 'OFF'"
                + " on conflict (person_id, period) do nothing returning person_id, until)"
                + " insert into digest_cursor (person_id, until) select person_id, until from planned"
                + " on conflict (person_id) do update set until = excluded.until";
        return failpoints
                .pass("digest.plan.before")
                .chain(() -> job.fenced(tx -> tx.run(insert, params.toArray())))
                .map(planned -> "planned " + planned + " digests");
    }
}
