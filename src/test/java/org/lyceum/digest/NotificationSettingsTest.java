package org.lyceum.digest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.lyceum.job.Jobs;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;
import org.lyceum.support.GraphQL;
import org.lyceum.support.Rows;

@QuarkusTest
class NotificationSettingsTest {

    private static final String READ = "{ notificationSettings { digest timeZone hour chosen } }";
    private static final String UPDATE =
            "mutation($input: UpdateNotificationSettingsInput!) { updateNotificationSettings(input: $input)"
                    + " { settings { digest timeZone hour chosen } } }";

    @Inject
    Jobs jobs;

    @Inject
    DataSource db;

    @Test
    void defaultsUntilChosenThenPartialUpdatesKeepTheRest() {
        User erin = Api.user("erin");
        Api.call(erin, READ, Map.of())
                .body("data.notificationSettings.digest", equalTo("WEEKLY"))
                .body("data.notificationSettings.timeZone", equalTo("UTC"))
                .body("data.notificationSettings.hour", equalTo(8))
                .body("data.notificationSettings.chosen", equalTo(false));
        Api.call(erin, UPDATE, Map.of("input", Map.of("digest", "DAILY", "timeZone", "Europe/Rome")))
                .body("errors", nullValue())
                .body("data.updateNotificationSettings.settings.digest", equalTo("DAILY"))
                .body("data.updateNotificationSettings.settings.timeZone", equalTo("Europe/Rome"))
                .body("data.updateNotificationSettings.settings.hour", equalTo(8))
                .body("data.updateNotificationSettings.settings.chosen", equalTo(true));
        Api.call(erin, UPDATE, Map.of("input", Map.of("hour", 17)))
                .body("data.updateNotificationSettings.settings.digest", equalTo("DAILY"))
                .body("data.updateNotificationSettings.settings.hour", equalTo(17));
    }

    @Test
    void badSettingsAreRefusedAndChangeNothing() {
        User fay = Api.user("fay");
        Api.call(fay, UPDATE, Map.of("input", Map.of("digest", "DAILY", "timeZone", "Mars/Olympus")))
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("timeZone"));
        Api.call(fay, UPDATE, Map.of("input", Map.of("digest", "DAILY", "hour", 24)))
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"));
        Api.call(fay, UPDATE, Map.of("input", Map.of("digest", "HOURLY")))
                .body("errors[0].extensions.code", equalTo("BAD_QUERY"));
        assertEquals(
                0,
                Rows.count(
                        db,
                        "select count(*) from notification_setting s join person p on p.id = s.person_id"
                                + " where p.username = ?",
                        fay.username()));
        GraphQL.anonymous(READ).body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
    }

    /**
     * The person's zone is chosen so that it is now between 6:00 and 6:59 there (an Etc/GMT±n zone
     * exists for every whole-hour offset from -12 to +14), and the preferred hour is 12: their
     * daily period is still yesterday's, while a planner that ignored the hour would plan
     * today's. So the test tells the two apart whenever it runs, with hours of margin either side.
     */
    @Test
    void aDailyDigestIsDueAtThePreferredHourInThePersonsTimeZone() {
        int offset = 6 - ZonedDateTime.now(ZoneOffset.UTC).getHour();
        if (offset < -12) {
            offset += 24;
        }
        // POSIX signs: Etc/GMT-7 is seven hours ahead of UTC.
        String zone = offset == 0 ? "Etc/GMT" : "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset);
        int hour = 12;
        User gil = Api.user("gil");
        Api.call(gil, UPDATE, Map.of("input", Map.of("digest", "DAILY", "timeZone", zone, "hour", hour)))
                .body("errors", nullValue());
        ZonedDateTime local = ZonedDateTime.now(ZoneId.of(zone));
        String due = "D" + local.minusHours(hour).toLocalDate();
        String hourIgnored = "D" + local.toLocalDate();
        assertTrue(local.getHour() < hour && !due.equals(hourIgnored), "the test tells the planners apart: " + local);
        jobs.runNow(DigestJobs.PLAN).await().atMost(Duration.ofSeconds(30));
        assertEquals(
                due,
                Rows.string(
                        db,
                        "select string_agg(d.period, ',') from digest_delivery d join person p on p.id = d.person_id"
                                + " where p.username = ?",
                        gil.username()),
                "the period that began at " + hour + ":00 in " + zone + " (it is " + local.toLocalTime() + " there)");

        Api.call(gil, UPDATE, Map.of("input", Map.of("digest", "WEEKLY", "timeZone", "UTC", "hour", 0)))
                .body("errors", nullValue());
        jobs.runNow(DigestJobs.PLAN).await().atMost(Duration.ofSeconds(30));
        ZonedDateTime now = ZonedDateTime.now(ZoneId.of("UTC"));
        String week = String.format(
                "W%d-W%02d",
                now.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR),
                now.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        assertTrue(
                Rows.count(
                                db,
                                "select count(*) from digest_delivery d join person p on p.id = d.person_id"
                                        + " where p.username = ? and d.period = ?",
                                gil.username(),
                                week)
                        == 1,
                "weekly period " + week);
    }
}
