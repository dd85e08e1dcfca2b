package org.lyceum.block;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.lyceum.common.GlobalId;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;
import org.lyceum.support.GraphQL;
import org.lyceum.support.Rows;

/**
 * Blocks and mutes, told through GraphQL: what a blocked or muted person makes leaves the feeds,
 * search, notifications and comment lists (a placeholder), and a blocked person cannot reply to the
 * blocker or mention them; a mute hides without refusing anything. Rows 46-50 of docs/permissions.md.
 */
@QuarkusTest
class BlockTest {

    static final String BLOCK = "mutation($input: BlockInput!) { block(input: $input) }";
    static final String UNBLOCK = "mutation($input: BlockInput!) { unblock(input: $input) }";
    static final String MUTE = "mutation($input: BlockInput!) { mute(input: $input) }";
    static final String UNMUTE = "mutation($input: BlockInput!) { unmute(input: $input) }";
    static final String BLOCK_DOMAIN = "mutation($input: UserDomainInput!) { blockUserDomain(input: $input) }";
    static final String UNBLOCK_DOMAIN = "mutation($input: UserDomainInput!) { unblockUserDomain(input: $input) }";
    static final String LISTS = "{ myBlocks { id } myMutes { id } myBlockedDomains }";
    static final String FEEDS = "query($name: String!) { homeFeed(first: 50) { edges { node { object { id } } } }"
            + " communityFeed(name: $name, first: 50) { edges { node { object { id } } } }"
            + " instanceFeed(first: 50) { edges { node { object { id } } } } }";
    static final String COMMENTS = "query($id: ID!) { node(id: $id) { ... on Thread { comments(first: 50) { edges {"
            + " node { id content contentHtml blocked deleted author { username } } } } } } }";
    static final String SEARCH =
            "query($q: String) { search(query: $q, first: 20) { totalCount edges { node { id } } } }";
    static final String NOTIFICATIONS = "{ notifications(first: 50) { edges { node { kind actor { username } } } } }";

    @Inject
    DataSource db;

    static Boolean answer(User user, String mutation, Object input, String field) {
        return Api.ok(user, mutation, input instanceof String s ? Map.of("id", s) : cast(input), "data." + field);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object input) {
        return (Map<String, Object>) input;
    }

    static ValidatableResponse refused(User user, String mutation, Map<String, Object> input, String code) {
        return Api.call(user, mutation, Map.of("input", input)).body("errors[0].extensions.code", equalTo(code));
    }

    /** A community where owner, reader and writer are members, and its name. */
    record Place(String id, String name) {}

    static Place place(User owner, User... members) {
        String id = Api.community(owner, "PUBLIC");
        for (User m : members) {
            Api.join(m, id);
        }
        return new Place(id, Api.communityName(owner, id));
    }

    @Test
    void row46BlockingHidesWhatTheyMakeFromEveryFeedAndLiftingItBringsItBack() {
        User reader = Api.user("reader");
        User writer = Api.user("writer");
        Place place = place(Api.user("owner"), reader, writer);
        Api.ok(
                reader,
                "mutation($input: FollowInput!) { follow(input: $input) { __typename } }",
                Map.of("id", writer.personId()),
                "data.follow.__typename");
        String thread = Api.thread(writer, place.id(), "Fractions");
        feeds(reader, place)
                .body("data.homeFeed.edges.node.object.id", hasItem(thread))
                .body("data.communityFeed.edges.node.object.id", hasItem(thread))
                .body("data.instanceFeed.edges.node.object.id", hasItem(thread));

        assertEquals(true, answer(reader, BLOCK, writer.personId(), "block"));
        assertEquals(true, answer(reader, BLOCK, writer.personId(), "block"), "blocking again is still true");
        feeds(reader, place)
                .body("data.homeFeed.edges.node.object.id", not(hasItem(thread)))
                .body("data.communityFeed.edges.node.object.id", not(hasItem(thread)))
                .body("data.instanceFeed.edges.node.object.id", not(hasItem(thread)));
        feeds(Api.user("other"), place).body("data.communityFeed.edges.node.object.id", hasItem(thread));
        assertEquals(
                0,
                Rows.count(
                        db,
                        "select count(*) from follow where follower_id = ?::uuid and person_id = ?::uuid",
                        uuid(reader.personId()),
                        uuid(writer.personId())),
                "a block ends following");
        Api.call(reader, LISTS, Map.of())
                .body("data.myBlocks.id", contains(writer.personId()))
                .body("data.myMutes", empty());

        assertEquals(true, answer(reader, UNBLOCK, writer.personId(), "unblock"));
        assertEquals(false, answer(reader, UNBLOCK, writer.personId(), "unblock"), "nothing left to lift");
        feeds(reader, place).body("data.communityFeed.edges.node.object.id", hasItem(thread));

        // Blocking a community hides everything in it.
        assertEquals(true, answer(reader, BLOCK, place.id(), "block"));
        feeds(reader, place).body("data.communityFeed.edges.node.object.id", not(hasItem(thread)));
        Api.call(reader, LISTS, Map.of()).body("data.myBlocks.id", contains(place.id()));
    }

    @Test
    void row46BlockingNeedsASignInAndSomeoneElseWhoExists() {
        User me = Api.user("me");
        GraphQL.anonymous(BLOCK, Map.of("input", Map.of("id", me.personId())))
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        GraphQL.anonymous(LISTS).body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        refused(me, BLOCK, Map.of("id", me.personId()), "INVALID_INPUT");
        refused(me, MUTE, Map.of("id", me.personId()), "INVALID_INPUT");
        refused(me, BLOCK, Map.of("id", GlobalId.of("Person", java.util.UUID.randomUUID())), "NOT_FOUND");
        refused(me, BLOCK, Map.of("id", GlobalId.of("Community", java.util.UUID.randomUUID())), "NOT_FOUND");
        String thread = Api.thread(me, Api.community(me, "PUBLIC"), "Not a person");
        refused(me, BLOCK, Map.of("id", thread), "INVALID_INPUT");
        refused(me, BLOCK, Map.of("id", "nonsense"), "INVALID_INPUT");
    }

    @Test
    void row46AThousandBlocksIsTheMostAndTheNextIsAConflict() {
        User me = Api.user("collector");
        Rows.execute(
                db,
                "insert into person_block (blocker_id, blocked_id, blocked_type, mute)"
                        + " select ?::uuid, gen_random_uuid(), 'PERSON', false from generate_series(1, 1000)",
                uuid(me.personId()));
        User one = Api.user("one");
        refused(me, BLOCK, Map.of("id", one.personId()), "CONFLICT");
        assertEquals(true, answer(me, MUTE, one.personId(), "mute"), "mutes are counted apart");
        Rows.execute(
                db,
                "insert into person_domain_block (person_id, domain)"
                        + " select ?::uuid, 'd' || n || '.example' from generate_series(1, 1000) n",
                uuid(me.personId()));
        refused(me, BLOCK_DOMAIN, Map.of("domain", "one-more.example"), "CONFLICT");
        assertEquals(true, answer(me, BLOCK_DOMAIN, Map.of("domain", "d7.example"), "blockUserDomain"));
    }

    @Test
    void row47AMuteHidesButAllowsRepliesAndABlockIncludesIt() {
        User teacher = Api.user("teacher");
        User pupil = Api.user("pupil");
        Place place = place(teacher, pupil);
        String mine = Api.thread(teacher, place.id(), "Homework");
        assertEquals(true, answer(teacher, MUTE, pupil.personId(), "mute"));
        String reply = Api.reply(pupil, mine, "Muted but here");
        assertEquals(
                List.of(), notifications(teacher, pupil), "the muted pupil's reply notifies nobody who muted them");
        comment(teacher, mine, reply).body("blocked", equalTo(true)).body("content", nullValue());
        Api.call(teacher, LISTS, Map.of())
                .body("data.myMutes.id", contains(pupil.personId()))
                .body("data.myBlocks", empty());

        // A block includes a mute: muting someone blocked keeps the block.
        assertEquals(true, answer(teacher, BLOCK, pupil.personId(), "block"));
        Api.call(teacher, LISTS, Map.of())
                .body("data.myBlocks.id", contains(pupil.personId()))
                .body("data.myMutes", empty());
        assertEquals(true, answer(teacher, MUTE, pupil.personId(), "mute"));
        assertEquals(false, answer(teacher, UNMUTE, pupil.personId(), "unmute"), "there is a block, not a mute");
        Api.call(teacher, LISTS, Map.of()).body("data.myBlocks.id", contains(pupil.personId()));
        assertEquals(true, answer(teacher, UNBLOCK, pupil.personId(), "unblock"));
        Api.call(teacher, LISTS, Map.of()).body("data.myBlocks", empty()).body("data.myMutes", empty());
        comment(teacher, mine, reply).body("blocked", equalTo(false)).body("content", equalTo("Muted but here"));
    }

    @Test
    void row48ADomainBlockIsNormalisedAndNeverOfThisInstance() {
        User me = Api.user("me");
        assertEquals(
                true, answer(me, BLOCK_DOMAIN, Map.of("domain", "https://Bücher.Example./path"), "blockUserDomain"));
        assertEquals(true, answer(me, BLOCK_DOMAIN, Map.of("domain", "xn--bcher-kva.example"), "blockUserDomain"));
        assertEquals(true, answer(me, BLOCK_DOMAIN, Map.of("domain", "other.example:8443"), "blockUserDomain"));
        Api.call(me, LISTS, Map.of())
                .body("data.myBlockedDomains", contains("other.example:8443", "xn--bcher-kva.example"));
        for (String bad : List.of("", "not a domain", "exa_mple.org", "-x.example", "a..b", "https://")) {
            refused(me, BLOCK_DOMAIN, Map.of("domain", bad), "INVALID_INPUT");
        }
        refused(me, BLOCK_DOMAIN, Map.of("domain", "lyceum.test"), "INVALID_INPUT");
        refused(me, BLOCK_DOMAIN, Map.of("domain", "https://LYCEUM.test/people"), "INVALID_INPUT");
        GraphQL.anonymous(BLOCK_DOMAIN, Map.of("input", Map.of("domain", "x.example")))
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        assertEquals(true, answer(me, UNBLOCK_DOMAIN, Map.of("domain", "Other.Example:8443"), "unblockUserDomain"));
        assertEquals(false, answer(me, UNBLOCK_DOMAIN, Map.of("domain", "other.example:8443"), "unblockUserDomain"));
        Api.call(me, LISTS, Map.of()).body("data.myBlockedDomains", contains("xn--bcher-kva.example"));
    }

    @Test
    void row49MyListsAreMyOwn() {
        User me = Api.user("me");
        User other = Api.user("other");
        User them = Api.user("them");
        answer(other, BLOCK, them.personId(), "block");
        answer(other, MUTE, Api.community(them, "PUBLIC"), "mute");
        answer(other, BLOCK_DOMAIN, Map.of("domain", "spam.example"), "blockUserDomain");
        Api.call(me, LISTS, Map.of())
                .body("errors", nullValue())
                .body("data.myBlocks", empty())
                .body("data.myMutes", empty())
                .body("data.myBlockedDomains", empty());
        Api.call(other, LISTS, Map.of())
                .body("data.myBlocks.id", contains(them.personId()))
                .body("data.myMutes", org.hamcrest.Matchers.hasSize(1))
                .body("data.myBlockedDomains", contains("spam.example"));
    }

    @Test
    void row50ABlockedPersonCannotReplyToMyThreadsOrCommentsNorMentionMe() {
        User alice = Api.user("alice");
        User bob = Api.user("bob");
        User carol = Api.user("carol");
        Place place = place(carol, alice, bob);
        String alicesThread = Api.thread(alice, place.id(), "Alice asks");
        String carolsComment = Api.reply(carol, alicesThread, "Carol answers");
        String carolsThread = Api.thread(carol, place.id(), "Carol asks");
        String alicesComment = Api.reply(alice, carolsThread, "Alice answers");
        String bobsEarlier = Api.reply(bob, carolsThread, "Bob answered before");

        assertEquals(true, answer(alice, BLOCK, bob.personId(), "block"));
        String reply = "mutation($input: CreateReplyInput!) { createReply(input: $input) { comment { id } } }";
        refused(bob, reply, Map.of("inReplyTo", alicesThread, "content", "no"), "FORBIDDEN");
        refused(bob, reply, Map.of("inReplyTo", carolsComment, "content", "in her thread"), "FORBIDDEN");
        refused(bob, reply, Map.of("inReplyTo", alicesComment, "content", "to her comment"), "FORBIDDEN");
        Api.reply(bob, carolsThread, "Carol's thread is open to me");
        Api.reply(alice, carolsThread, "Alice may still reply beside Bob");

        // Bob mentions Alice: nothing is stored or told.
        String mention = Api.reply(bob, carolsThread, "Hello @" + alice.username());
        assertEquals(
                0,
                Rows.count(db, "select count(*) from mention where content_id = ?::uuid", uuid(mention)),
                "no mention of someone who blocks the writer");
        assertEquals(List.of(), notifications(alice, bob), "alice hears nothing from bob");
        Api.reply(carol, carolsThread, "And @" + alice.username());
        org.hamcrest.MatcherAssert.assertThat(
                "others still mention her", notifications(alice, carol), hasItem("MENTION"));

        // In the comment list, Bob's comments are placeholders for Alice only.
        comment(alice, carolsThread, bobsEarlier)
                .body("blocked", equalTo(true))
                .body("deleted", equalTo(false))
                .body("content", nullValue())
                .body("contentHtml", nullValue())
                .body("author", nullValue());
        comment(carol, carolsThread, bobsEarlier)
                .body("blocked", equalTo(false))
                .body("content", equalTo("Bob answered before"))
                .body("author.username", equalTo(bob.username()));

        // A mute refuses nothing.
        assertEquals(true, answer(carol, MUTE, bob.personId(), "mute"));
        Api.reply(bob, carolsThread, "muted, not blocked");
    }

    @Test
    void searchLeavesOutWhatIBlockOrMute() {
        User reader = Api.user("reader");
        User writer = Api.user("writer");
        Place place = place(Api.user("owner"), writer);
        String word = "zyxblock" + java.util.UUID.randomUUID().toString().replaceAll("[^a-f]", "");
        String thread = Api.thread(writer, place.id(), "About " + word);
        search(reader, word).body("data.search.edges.node.id", hasItem(thread));
        answer(reader, MUTE, writer.personId(), "mute");
        search(reader, word).body("data.search.edges.node.id", not(hasItem(thread)));
        search(reader, writer.username()).body("data.search.edges.node.id", not(hasItem(writer.personId())));
        search(Api.user("other"), word).body("data.search.edges.node.id", hasItem(thread));
        answer(reader, UNMUTE, writer.personId(), "unmute");
        answer(reader, MUTE, place.id(), "mute");
        search(reader, word).body("data.search.edges.node.id", not(hasItem(thread)));
    }

    private static ValidatableResponse feeds(User user, Place place) {
        return Api.call(user, FEEDS, Map.of("name", place.name())).body("errors", nullValue());
    }

    private static ValidatableResponse search(User user, String q) {
        return Api.call(user, SEARCH, Map.of("q", q)).body("errors", nullValue());
    }

    private static ValidatableResponse comment(User user, String thread, String comment) {
        return Api.call(user, COMMENTS, Map.of("id", thread))
                .body("errors", nullValue())
                .rootPath("data.node.comments.edges.find { it.node.id == '" + comment + "' }.node");
    }

    /** The kinds of the user's notifications caused by {@code actor}. */
    private static List<String> notifications(User user, User actor) {
        return Api.call(user, NOTIFICATIONS, Map.of())
                .body("errors", nullValue())
                .extract()
                .path("data.notifications.edges.findAll { it.node.actor?.username == '" + actor.username()
                        + "' }.node.kind");
    }

    private static String uuid(String globalId) {
        return GlobalId.decode("id", globalId).uuid().toString();
    }
}
