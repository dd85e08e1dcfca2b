package org.lyceum.digest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.lyceum.job.JobOutcome;
import org.lyceum.job.Jobs;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;
import org.lyceum.support.MailTestResource.Smtp;
import org.lyceum.support.Rows;

/** Digests end to end: planned by the job, composed, sent to a real SMTP server (GreenMail), marked in the ledger. */
@QuarkusTest
class DigestTest {

    @Inject
    Jobs jobs;

    @Inject
    DataSource db;

    @Smtp
    GreenMail smtp;

    @Test
    void aFollowerGetsOneDigestOfWhatIsNewAndAPlannedPeriodIsNotSentTwice() throws Exception {
        User alice = Api.user("alice");
        User bob = Api.user("bob");
        String community = Api.community(alice, "PUBLIC");
        Api.join(bob, community);
        Api.thread(alice, community, "How do you teach fractions?");
        Api.resource(alice, Api.collection(alice, community), "Fraction strips");
        Api.thread(bob, community, "Bob's own thread is not news to Bob");
        Api.ok(
                alice,
                "mutation($input: FollowInput!) { follow(input: $input) { target { id } } }",
                Map.of("id", bob.personId()),
                "data.follow.target.id");

        planAndSend();
        List<MimeMessage> mails = mailsTo(bob);
        assertEquals(1, mails.size());
        MimeMessage mail = mails.get(0);
        assertTrue(mail.getSubject().contains("2 items"), mail.getSubject() + part(mail, "text/plain"));
        String text = part(mail, "text/plain");
        String html = part(mail, "text/html");
        assertTrue(text.contains("How do you teach fractions?") && text.contains("Fraction strips"), text);
        assertTrue(!text.contains("Bob's own thread"), text);
        assertTrue(text.contains("You have 1 unread notification on "), text);
        assertTrue(html.contains("You have 1 unread notification on "), html);
        assertTrue(html.contains("<a href=\"https://lyceum.test/"), html);
        assertTrue(mail.getHeader("List-Unsubscribe")[0].startsWith("<https://lyceum.test/digest/unsubscribe?token="));
        assertEquals("List-Unsubscribe=One-Click", mail.getHeader("List-Unsubscribe-Post")[0]);
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from digest_delivery d join person p on p.id = d.person_id"
                                + " where p.username = ? and d.state = 'SENT' and d.sent_at is not null",
                        bob.username()));

        // Same period again: the ledger already has it, so nothing is planned or sent.
        Api.thread(alice, community, "A later thread waits for the next period");
        planAndSend();
        assertEquals(1, mailsTo(bob).size());

        // The next period covers only what came after the last digest.
        Rows.execute(
                db,
                "update digest_delivery set period = 'W2000-W01' where person_id = (select id from person where username = ?)",
                bob.username());
        planAndSend();
        List<MimeMessage> after = mailsTo(bob);
        assertEquals(2, after.size());
        String second = part(after.get(1), "text/plain");
        assertTrue(second.contains("A later thread") && !second.contains("How do you teach fractions?"), second);
    }

    @Test
    void nothingNewMeansNoEmailAndOutsidersNeverSeePrivateContent() throws Exception {
        User owner = Api.user("owner");
        User applicant = Api.user("applicant");
        User quiet = Api.user("quiet");
        String secret = Api.community(owner, "PRIVATE");
        Api.call(
                applicant,
                "mutation($input: CommunityIdInput!) { joinCommunity(input: $input) { community { id } } }",
                Map.of("input", Map.of("id", secret)));
        Api.thread(owner, secret, "Members only");

        planAndSend();
        assertEquals(0, mailsTo(applicant).size(), "a pending join request sees nothing of a private community");
        assertEquals(0, mailsTo(quiet).size());
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from digest_delivery d join person p on p.id = d.person_id"
                                + " where p.username = ? and d.state = 'EMPTY'",
                        quiet.username()));
    }

    @Test
    void smtpOutagesAreRetriedWithBackoffAndTheDigestArrivesOnce() throws Exception {
        User carol = memberOfACommunityWithANewThread("carol", "Sent after the outage");

        smtp.stop();
        try {
            planAndSend();
        } finally {
            smtp.start();
        }
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from digest_delivery d join person p on p.id = d.person_id"
                                + " where p.username = ? and d.state = 'PENDING' and d.attempts = 1 and d.last_error is not null"
                                + " and d.next_attempt > now()",
                        carol.username()));
        send();
        assertEquals(0, mailsTo(carol).size(), "not before its backoff");

        Rows.execute(db, "update digest_delivery set next_attempt = now() where state = 'PENDING'");
        send();
        send();
        assertEquals(1, mailsTo(carol).size());
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from digest_delivery d join person p on p.id = d.person_id"
                                + " where p.username = ? and d.state = 'SENT' and d.attempts = 2",
                        carol.username()));
    }

    @Test
    void theUnsubscribeLinkWorksWithoutLoginAndBadTokensChangeNothing() throws Exception {
        User dan = memberOfACommunityWithANewThread("dan", "Something to unsubscribe from");
        planAndSend();
        String link = mailsTo(dan).get(0).getHeader("List-Unsubscribe")[0];
        String token = link.substring(link.indexOf("token=") + 6, link.length() - 1);

        given().queryParam("token", token.substring(0, token.length() - 2) + "AA")
                .post("/digest/unsubscribe")
                .then()
                .statusCode(400)
                .body(containsString("not valid"));
        given().queryParam("token", "garbage")
                .post("/digest/unsubscribe")
                .then()
                .statusCode(400);
        given().post("/digest/unsubscribe").then().statusCode(400);
        assertEquals(
                0,
                Rows.count(
                        db,
                        "select count(*) from notification_setting s join person p on p.id = s.person_id"
                                + " where p.username = ?",
                        dan.username()));

        given().queryParam("token", token)
                .get("/digest/unsubscribe")
                .then()
                .statusCode(200)
                .body(containsString("<form method=\"post\""));
        assertEquals(
                0,
                Rows.count(
                        db,
                        "select count(*) from notification_setting s join person p on p.id = s.person_id"
                                + " where p.username = ?",
                        dan.username()),
                "GET only asks");
        given().queryParam("token", token)
                .contentType("application/x-www-form-urlencoded")
                .body("List-Unsubscribe=One-Click")
                .post("/digest/unsubscribe")
                .then()
                .statusCode(200)
                .body(containsString("no more digest emails"));
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from notification_setting s join person p on p.id = s.person_id"
                                + " where p.username = ? and s.digest = 'OFF'",
                        dan.username()));
        Api.call(dan, "{ notificationSettings { digest chosen } }", Map.of())
                .body("data.notificationSettings.digest", org.hamcrest.Matchers.equalTo("OFF"));
    }

    @Test
    void unsubscribingBetweenPlanningAndSendingStopsTheDigest() {
        User ivy = memberOfACommunityWithANewThread("ivy", "Planned but never sent");
        assertEquals(
                Optional.of(JobOutcome.SUCCEEDED),
                jobs.runNow(DigestJobs.PLAN).await().atMost(Duration.ofSeconds(30)));
        Api.call(ivy, "mutation { updateNotificationSettings(input: {digest: OFF}) { settings { digest } } }", Map.of())
                .body("data.updateNotificationSettings.settings.digest", org.hamcrest.Matchers.equalTo("OFF"));
        send();
        assertEquals(0, mailsTo(ivy).size());
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from digest_delivery d join person p on p.id = d.person_id"
                                + " where p.username = ? and d.state = 'UNSUBSCRIBED'",
                        ivy.username()));
    }

    @Test
    void unverifiedAddressesGetNoDigest() {
        User unverified = memberOfACommunityWithANewThread("unverified", "Not for unverified addresses");
        Rows.execute(
                db,
                "update account set email_verified = false where person_id = (select id from person where username = ?)",
                unverified.username());
        planAndSend();
        assertEquals(0, mailsTo(unverified).size());
        assertEquals(
                0,
                Rows.count(
                        db,
                        "select count(*) from digest_delivery d join person p on p.id = d.person_id"
                                + " where p.username = ?",
                        unverified.username()));
    }

    @Test
    void finishedLedgerRowsArePrunedAfterTheirKeepTime() {
        User hal = Api.user("hal");
        Rows.execute(
                db,
                "insert into digest_delivery (person_id, period, since, until, plan_token, state)"
                        + " select id, p.period, now() - interval '70 days', now() - interval '60 days', 1, p.state"
                        + " from person, (values ('D1999-01-01', 'SENT'), ('D1999-01-02', 'EMPTY'), ('D1999-01-03', 'PENDING')) p(period, state)"
                        + " where username = ?",
                hal.username());
        assertEquals(
                Optional.of(JobOutcome.SUCCEEDED),
                jobs.runNow(DigestJobs.PRUNE).await().atMost(Duration.ofSeconds(30)));
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from digest_delivery d join person p on p.id = d.person_id"
                                + " where p.username = ? and d.period like 'D1999%'",
                        hal.username()),
                "only the unsent row stays");
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from digest_delivery d join person p on p.id = d.person_id"
                                + " where p.username = ? and d.period = 'D1999-01-03'",
                        hal.username()));
        Rows.execute(db, "delete from digest_delivery where period = 'D1999-01-03'");
    }

    /** A new user who joined a public community in which its owner just opened a thread. */
    private static User memberOfACommunityWithANewThread(String name, String title) {
        User owner = Api.user("owner");
        User member = Api.user(name);
        String community = Api.community(owner, "PUBLIC");
        Api.join(member, community);
        Api.thread(owner, community, title);
        return member;
    }

    private void planAndSend() {
        assertEquals(
                Optional.of(JobOutcome.SUCCEEDED),
                jobs.runNow(DigestJobs.PLAN).await().atMost(Duration.ofSeconds(30)));
        send();
    }

    private void send() {
        assertEquals(
                Optional.of(JobOutcome.SUCCEEDED),
                jobs.runNow(DigestJobs.SEND).await().atMost(Duration.ofSeconds(60)));
    }

    private List<MimeMessage> mailsTo(User user) {
        return new ArrayList<>(Arrays.asList(smtp.getReceivedMessagesForDomain(user.username() + "@school.example")));
    }

    private static String part(MimeMessage mail, String type) throws Exception {
        Object content = mail.getContent();
        assertTrue(content instanceof MimeMultipart, "multipart expected, got " + content);
        String found = find((MimeMultipart) content, type);
        assertNotNull(found, "no " + type + " part");
        return found;
    }

    private static String find(MimeMultipart multipart, String type) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.getContent() instanceof MimeMultipart nested) {
                String found = find(nested, type);
                if (found != null) {
                    return found;
                }
            } else if (part.isMimeType(type)) {
                return part.getContent().toString();
            }
        }
        return null;
    }
}
