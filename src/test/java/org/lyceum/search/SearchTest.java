package org.lyceum.search;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;
import org.lyceum.support.GraphQL;
import org.lyceum.support.Rows;

/**
 * search() over a small library in three languages, in its own community so that what other test
 * classes write does not change the answers: each filter alone and combined, stemming, accents,
 * prefixes and typos, websearch syntax, the sorts and their cursors, facets against totalCount,
 * and what outsiders of a private community cannot find.
 */
@QuarkusTest
class SearchTest {

    static final String SEARCH = "query($q: String, $f: SearchFilter, $s: SearchSort, $first: Int, $after: String,"
            + " $last: Int, $before: String) { search(query: $q, filter: $f, sort: $s, first: $first, after: $after,"
            + " last: $last, before: $before) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor startCursor }"
            + " edges { cursor host highlight { text matches { start length } } node { id __typename"
            + " ... on Resource { title } ... on Thread { title } ... on Community { name } ... on Person { username } } }"
            + " facets { kinds { code count } subjects { code label count } levels { code count }"
            + " languages { code label count } licences { code count } resourceTypes { code count } } } }";

    @Inject
    DataSource db;

    /** The library, made once for the class. */
    private static @Nullable Library library;

    record Library(
            User owner,
            User member,
            User outsider,
            String community,
            String privateCommunity,
            String marker,
            Map<String, String> ids) {}

    private Library library() {
        if (library != null) {
            return library;
        }
        User owner = Api.user("librarian");
        User member = Api.user("member");
        User outsider = Api.user("outsider");
        String community = Api.community(owner, "PUBLIC");
        String collection = Api.collection(owner, community);
        String marker = "zq" + UUID.randomUUID().toString().substring(0, 6).replace("-", "");
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put(
                "es",
                resource(
                        owner,
                        collection,
                        "Ejercicios de fracciones " + marker,
                        "Las fracciones explicadas con pizzas",
                        "es",
                        "054",
                        2,
                        "CC-BY-4.0",
                        "EXERCISE"));
        ids.put(
                "en",
                resource(
                        owner,
                        collection,
                        "Fractions worksheet " + marker,
                        "Practising the addition of fractions",
                        "en",
                        "054",
                        1,
                        "CC-BY-SA-4.0",
                        "WORKSHEET"));
        ids.put(
                "fr",
                resource(
                        owner,
                        collection,
                        "Physique quantique pour débutants " + marker,
                        "Une introduction à la mécanique",
                        "fr",
                        "053",
                        3,
                        "CC0-1.0",
                        "LECTURE"));
        ids.put(
                "physics",
                resource(
                        owner,
                        collection,
                        "Quantum physics primer " + marker,
                        "Waves and particles",
                        "en",
                        "053",
                        3,
                        "CC-BY-4.0",
                        "LECTURE"));
        ids.put("thread", Api.thread(owner, community, "Teaching fractions with pizza " + marker));
        String privateCommunity = Api.community(owner, "PRIVATE");
        Api.join(member, Api.community(member, "PUBLIC")); // the member's own, so they exist as members somewhere
        String privateCollection = Api.collection(owner, privateCommunity);
        ids.put(
                "secret",
                resource(
                        owner,
                        privateCollection,
                        "Secret fractions plan " + marker,
                        "Only for members",
                        "en",
                        "054",
                        2,
                        "CC-BY-4.0",
                        "LESSON_PLAN"));
        library = new Library(owner, member, outsider, community, privateCommunity, marker, ids);
        return library;
    }

    private static String resource(
            User user,
            String collection,
            String title,
            String description,
            String language,
            String subject,
            int level,
            String licence,
            String type) {
        Map<String, Object> input = new HashMap<>();
        input.put("collectionId", collection);
        input.put("title", title);
        input.put("description", description);
        input.put("url", "https://example.org/" + Api.unique("r"));
        input.put("language", language);
        input.put("subject", subject);
        input.put("level", level);
        input.put("licence", licence);
        input.put("resourceType", type);
        return Api.ok(
                user,
                "mutation($input: CreateResourceInput!) { createResource(input: $input) { resource { id } } }",
                input,
                "data.createResource.resource.id");
    }

    private static ValidatableResponse search(@Nullable User user, Map<String, Object> variables) {
        return user == null ? GraphQL.anonymous(SEARCH, variables) : GraphQL.as(user.token(), SEARCH, variables);
    }

    /** The ids found, in order, for a search that must succeed. */
    private List<String> found(@Nullable User user, Map<String, Object> variables) {
        return search(user, variables).body("errors", nullValue()).extract().path("data.search.edges.node.id");
    }

    private Map<String, Object> in(Map<String, Object> filter) {
        Map<String, Object> f = new HashMap<>(filter);
        f.putIfAbsent("communityId", library().community());
        return f;
    }

    private static Map<String, Object> vars(Object... pairs) {
        Map<String, Object> v = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            v.put((String) pairs[i], pairs[i + 1]);
        }
        return v;
    }

    private String id(String key) {
        return library().ids().get(key);
    }

    @Test
    void eachFilterAloneAndCombined() {
        Library l = library();
        assertEquals(
                List.of(id("physics"), id("fr")), found(l.owner(), vars("f", in(Map.of("subjects", List.of("053"))))));
        assertEquals(List.of(id("en")), found(l.owner(), vars("f", in(Map.of("levels", List.of(1))))));
        assertEquals(
                List.of(id("physics"), id("en")), found(l.owner(), vars("f", in(Map.of("languages", List.of("en"))))));
        assertEquals(List.of(id("fr")), found(l.owner(), vars("f", in(Map.of("licences", List.of("CC0-1.0"))))));
        assertEquals(List.of(id("en")), found(l.owner(), vars("f", in(Map.of("resourceTypes", List.of("WORKSHEET"))))));
        assertEquals(List.of(id("thread")), found(l.owner(), vars("f", in(Map.of("kinds", List.of("THREAD"))))));
        // Combined: AND across fields, OR within a list.
        assertEquals(
                List.of(id("physics")),
                found(l.owner(), vars("f", in(Map.of("languages", List.of("en"), "subjects", List.of("053"))))));
        assertEquals(
                List.of(id("physics"), id("en"), id("es")),
                found(l.owner(), vars("f", in(Map.of("licences", List.of("CC-BY-4.0", "CC-BY-SA-4.0"))))));
        // Browsing without text is newest first, and the author filter keeps only their content.
        // (the collection, four resources and the thread, whose first post is searched with it).
        List<String> all =
                found(l.owner(), vars("f", in(Map.of("authorId", l.owner().personId()))));
        assertEquals(6, all.size());
        assertEquals(
                List.of(id("physics"), id("fr"), id("en"), id("es")),
                all.stream()
                        .filter(List.of(id("es"), id("en"), id("fr"), id("physics"))::contains)
                        .toList());
        assertTrue(found(l.member(), vars("f", in(Map.of("authorId", l.member().personId()))))
                .isEmpty());
    }

    @Test
    void aBroadSubjectIncludesItsNarrowFields() {
        Library l = library();
        assertEquals(
                4,
                found(l.owner(), vars("f", in(Map.of("subjects", List.of("05")))))
                        .size());
        assertEquals(
                2,
                found(l.owner(), vars("f", in(Map.of("subjects", List.of("054")))))
                        .size());
    }

    @Test
    void stemsAccentsPrefixesAndTypos() {
        Library l = library();
        // Stemming with the filter's language: "fracción" (singular, accented) finds "fracciones".
        assertEquals(
                List.of(id("es")),
                found(l.owner(), vars("q", "fracción", "f", in(Map.of("languages", List.of("es"))))));
        // Accents fold both ways: "debutants" finds "débutants", "mécanique" finds it too.
        assertEquals(List.of(id("fr")), found(l.owner(), vars("q", "debutants", "f", in(Map.of()))));
        assertEquals(List.of(id("fr")), found(l.owner(), vars("q", "MÉCANIQUE", "f", in(Map.of()))));
        // A prefix as one types it.
        assertEquals(
                java.util.Set.of(id("physics"), id("fr")),
                java.util.Set.copyOf(
                        found(l.owner(), vars("q", "phys", "f", in(Map.of("kinds", List.of("RESOURCE")))))));
        // Words of a thread's first post find the thread.
        assertEquals(List.of(id("thread")), found(l.owner(), vars("q", "think", "f", in(Map.of()))));
        // A typo in a title word, found by trigrams.
        assertTrue(found(l.owner(), vars("q", "quantom", "f", in(Map.of()))).contains(id("physics")));
        // Relevance: the title match ranks above the description-only match.
        List<String> fractions =
                found(l.owner(), vars("q", "fractions", "f", in(Map.of("kinds", List.of("RESOURCE")))));
        assertEquals(id("en"), fractions.get(0));
    }

    @Test
    void websearchSyntaxAndQueriesThatWouldNotParse() {
        Library l = library();
        assertEquals(List.of(id("physics")), found(l.owner(), vars("q", "\"quantum physics\"", "f", in(Map.of()))));
        assertEquals(List.of(id("fr")), found(l.owner(), vars("q", "quantique -physics", "f", in(Map.of()))));
        assertEquals(
                java.util.Set.of(id("thread"), id("physics")),
                java.util.Set.copyOf(found(l.owner(), vars("q", "pizza or waves", "f", in(Map.of())))));
        for (String odd : List.of("\"", "-", "!!", "'", "&|", "or", "(((", ":*", "\\")) {
            search(l.owner(), vars("q", odd, "f", in(Map.of()))).body("errors", nullValue());
        }
    }

    @Test
    void highlightsArePlainTextWithRanges() {
        Library l = library();
        Map<String, Object> edge = search(l.owner(), vars("q", "pizzas", "f", in(Map.of("kinds", List.of("RESOURCE")))))
                .body("errors", nullValue())
                .extract()
                .path("data.search.edges[0].highlight");
        assertNotNull(edge);
        String text = (String) edge.get("text");
        @SuppressWarnings("unchecked")
        List<Map<String, Integer>> matches = (List<Map<String, Integer>>) edge.get("matches");
        assertFalse(matches.isEmpty(), text);
        Map<String, Integer> m = matches.get(0);
        assertEquals("pizzas", text.substring(m.get("start"), m.get("start") + m.get("length")));
        assertFalse(text.contains("<"), "plain text, no markup: " + text);
        // Without text there is nothing to highlight.
        search(l.owner(), vars("f", in(Map.of())))
                .body("errors", nullValue())
                .body("data.search.edges[0].highlight", nullValue());
    }

    @Test
    void markdownAndHtmlAreSearchedAsTheTextTheyShow() {
        User owner = Api.user("owner");
        String community = Api.community(owner, "PUBLIC");
        String word = "quarterly" + UUID.randomUUID().toString().substring(0, 6);
        Api.ok(
                owner,
                "mutation($input: CreateThreadInput!) { createThread(input: $input) { thread { id } } }",
                Map.of("communityId", community, "title", "Fractions", "content", "Cut **" + word + "** slices"),
                "data.createThread.thread.id");
        String text = search(owner, vars("q", word))
                .body("errors", nullValue())
                .extract()
                .path("data.search.edges[0].highlight.text");
        assertNotNull(text);
        assertTrue(text.contains("Cut " + word + " slices"), "the Markdown's text, without its marks: " + text);

        // Another server's HTML (stored as its sanitized HTML) is searched as its text too.
        String remote = "decimal" + UUID.randomUUID().toString().substring(0, 6);
        String reply = Api.reply(owner, Api.thread(owner, community, "Decimals"), "placeholder");
        Rows.execute(
                db,
                "update content set body = ?, body_html = ? where id = ?::uuid",
                "<p>Remote <strong>" + remote + "</strong> &amp; more</p>",
                "<p>Remote <strong>" + remote + "</strong> &amp; more</p>",
                org.lyceum.common.GlobalId.uuid("id", reply, "Comment").toString());
        String html = search(owner, vars("q", remote))
                .body("errors", nullValue())
                .extract()
                .path("data.search.edges[0].highlight.text");
        assertNotNull(html);
        assertTrue(html.contains("Remote " + remote + " & more"), "no tags, entities decoded: " + html);
    }

    @Test
    void facetCountsEqualTheFilteredTotal() {
        Library l = library();
        ValidatableResponse all = search(l.owner(), vars("f", in(Map.of())));
        // The collection, four resources and the thread (its first post is part of it).
        all.body("errors", nullValue()).body("data.search.totalCount", equalTo(6));
        // With facets selected the total is their kind facet's sum; without, it is counted on its own.
        Api.call(l.owner(), "query($f: SearchFilter) { search(filter: $f) { totalCount } }", vars("f", in(Map.of())))
                .body("errors", nullValue())
                .body("data.search.totalCount", equalTo(6));
        List<Map<String, Object>> languages = all.extract().path("data.search.facets.languages");
        assertEquals(3, languages.size());
        for (Map<String, Object> facet : languages) {
            search(l.owner(), vars("f", in(Map.of("languages", List.of(facet.get("code"))))))
                    .body("data.search.totalCount", equalTo(facet.get("count")));
        }
        List<Map<String, Object>> subjects = all.extract().path("data.search.facets.subjects");
        for (Map<String, Object> facet : subjects) {
            assertNotNull(facet.get("label"));
            search(l.owner(), vars("f", in(Map.of("subjects", List.of(facet.get("code"))))))
                    .body("data.search.totalCount", equalTo(facet.get("count")));
        }
        all.body("data.search.facets.kinds.code", containsInAnyOrder("RESOURCE", "THREAD", "COLLECTION"))
                .body("data.search.facets.levels.code", containsInAnyOrder("1", "2", "3"));
    }

    @Test
    void privateContentIsFoundByMembersOnlyAndNeverCounted() {
        Library l = library();
        Map<String, Object> secret = vars("q", l.marker() + " secret");
        assertTrue(found(l.owner(), secret).contains(id("secret")));
        int ownerCount = search(l.owner(), secret).extract().path("data.search.totalCount");
        for (User outsider : new User[] {l.outsider(), null}) {
            search(outsider, secret)
                    .body("errors", nullValue())
                    .body("data.search.edges.node.id", not(hasItem(id("secret"))))
                    .body("data.search.totalCount", equalTo(ownerCount - 1));
            // Facets of the whole instance never count it either.
            List<String> everything = found(outsider, vars("q", l.marker(), "first", 100));
            assertFalse(everything.contains(id("secret")));
            search(outsider, vars("q", l.marker()))
                    .body("data.search.totalCount", equalTo(everything.size()))
                    .body("data.search.facets.kinds.count.sum()", equalTo(everything.size()));
        }
        Api.join(l.member(), l.privateCommunity()); // a join request to a private community is pending...
        search(l.member(), secret).body("data.search.totalCount", equalTo(ownerCount - 1));
    }

    @Test
    void communitiesAndPeopleAreFoundByName() {
        Library l = library();
        String name = Api.communityName(l.owner(), l.community());
        search(l.outsider(), vars("q", name, "f", Map.of("kinds", List.of("COMMUNITY"))))
                .body("errors", nullValue())
                .body("data.search.edges.node.name", hasItem(name));
        search(l.outsider(), vars("q", l.owner().username(), "f", Map.of("kinds", List.of("PERSON"))))
                .body("errors", nullValue())
                .body("data.search.edges.node.username", hasItem(l.owner().username()));
    }

    @Test
    void remoteContentIsFoundAndMarkedByHost() {
        String word = "zr" + UUID.randomUUID().toString().substring(0, 6);
        UUID person = UUID.randomUUID();
        UUID community = UUID.randomUUID();
        UUID collection = UUID.randomUUID();
        UUID resource = UUID.randomUUID();
        String host = "remote.example";
        // What the inbox stores for another server's objects: rows with their host.
        Rows.execute(
                db,
                "insert into person (id, ap_id, username, host, display_name) values (?, ?, ?, ?, ?)",
                person,
                "https://remote.example/u/" + word,
                word,
                host,
                "Remote " + word);
        Rows.execute(
                db,
                "insert into community (id, ap_id, name, host, title) values (?, ?, ?, ?, ?)",
                community,
                "https://remote.example/c/" + word,
                word,
                host,
                "Remote community " + word);
        Rows.execute(
                db,
                "insert into content (id, ap_id, kind, host, community_id, author_id, title) values"
                        + " (?, ?, 'COLLECTION', ?, ?, ?, ?)",
                collection,
                "https://remote.example/o/c" + word,
                host,
                community,
                person,
                "Remote collection");
        Rows.execute(
                db,
                "insert into content (id, ap_id, kind, host, community_id, author_id, collection_id, position,"
                        + " url, title, language) values (?, ?, 'RESOURCE', ?, ?, ?, ?, 1, ?, ?, 'en')",
                resource,
                "https://remote.example/o/r" + word,
                host,
                community,
                person,
                collection,
                "https://remote.example/f",
                "Remote resource about " + word);
        search(library().outsider(), vars("q", word, "f", Map.of("kinds", List.of("RESOURCE"), "local", false)))
                .body("errors", nullValue())
                .body("data.search.edges[0].node.title", equalTo("Remote resource about " + word))
                .body("data.search.edges[0].host", equalTo(host));
        search(library().outsider(), vars("q", word, "f", Map.of("local", true)))
                .body("data.search.totalCount", equalTo(0));
    }

    @Test
    void sortsPageWithStableCursorsWhileRowsAreInserted() {
        Library l = library();
        // Its own community: the rows inserted here must not change the other tests' answers.
        String community = Api.community(l.owner(), "PUBLIC");
        String collection = Api.collection(l.owner(), community);
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(resource(
                    l.owner(),
                    collection,
                    "Pizza fractions " + i,
                    "Slices " + "and slices ".repeat(i),
                    "en",
                    "054",
                    1,
                    "CC-BY-4.0",
                    "EXERCISE"));
        }
        // POPULAR: a like lifts the oldest resource above the newer ones.
        Api.ok(
                l.member(),
                "mutation($input: ObjectIdInput!) { like(input: $input) { __typename } }",
                Map.of("id", made.get(0)),
                "data.like.__typename");
        Map<String, Object> mine = new HashMap<>(Map.of("communityId", community, "kinds", List.of("RESOURCE")));
        assertEquals(
                made.get(0), found(l.owner(), vars("s", "POPULAR", "f", mine)).get(0));
        assertEquals(
                made.get(4), found(l.owner(), vars("s", "NEWEST", "f", mine)).get(0));
        for (String sort : List.of("NEWEST", "POPULAR", "RELEVANCE")) {
            Map<String, Object> base = vars("q", "pizza slices", "s", sort, "f", Map.of("communityId", community));
            List<String> whole = found(l.owner(), base);
            List<String> paged = new ArrayList<>();
            String late = null;
            String after = null;
            do {
                Map<String, Object> v = new HashMap<>(base);
                v.put("first", 2);
                if (after != null) {
                    v.put("after", after);
                }
                ValidatableResponse page = search(l.owner(), v).body("errors", nullValue());
                paged.addAll(page.extract().path("data.search.edges.node.id"));
                boolean more = page.extract().path("data.search.pageInfo.hasNextPage");
                after = more ? page.extract().path("data.search.pageInfo.endCursor") : null;
                if (paged.size() == 2) {
                    // A new match arrives between pages: no row is skipped or repeated after the cursor.
                    late = resource(
                            l.owner(),
                            collection,
                            "Pizza slices late " + sort,
                            "slices",
                            "en",
                            "054",
                            1,
                            "CC-BY-4.0",
                            "EXERCISE");
                }
            } while (after != null);
            paged.remove(late); // wherever it sorts, it is new
            assertEquals(whole, paged, sort);
        }
        // A cursor of another list is INVALID_INPUT.
        search(l.owner(), vars("s", "NEWEST", "after", "bm90IGEgY3Vyc29y"))
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"));
    }

    @Test
    void termsCountTheResourcesTheCallerMaySee() {
        Library l = library();
        String query = "{ vocabularies { subjects { code parent resourceCount } levels { code resourceCount } } }";
        Map<String, Integer> owner = subjectCounts(l.owner(), query);
        Map<String, Integer> outsider = subjectCounts(l.outsider(), query);
        // The private community's resource (subject 054) counts for its owner only.
        assertEquals(1, owner.get("054") - outsider.get("054"));
        assertEquals(owner.get("053"), outsider.get("053"));
        assertTrue(outsider.get("053") >= 2);
        // The broad field counts its narrow fields, as a search filtered by it does.
        for (User user : List.of(l.owner(), l.outsider())) {
            Map<String, Integer> counts = subjectCounts(user, query);
            int narrow = counts.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("05") && e.getKey().length() == 3)
                    .mapToInt(Map.Entry::getValue)
                    .sum();
            assertTrue(counts.get("05") >= narrow && narrow >= 4, counts.toString());
            search(user, vars("f", Map.of("subjects", List.of("05"), "kinds", List.of("RESOURCE"))))
                    .body("data.search.totalCount", equalTo(counts.get("05")));
        }
    }

    private static Map<String, Integer> subjectCounts(User user, String query) {
        List<Map<String, Object>> subjects = GraphQL.as(user.token(), query)
                .body("errors", nullValue())
                .extract()
                .path("data.vocabularies.subjects");
        Map<String, Integer> counts = new HashMap<>();
        subjects.forEach(t -> counts.put((String) t.get("code"), (Integer) t.get("resourceCount")));
        return counts;
    }

    @Test
    void badInputIsInvalidInputNamingTheField() {
        Library l = library();
        Map<String, Object> cases = new LinkedHashMap<>();
        cases.put("filter.subjects", vars("f", Map.of("subjects", List.of("999"))));
        cases.put("filter.languages", vars("f", Map.of("languages", List.of("xx"))));
        cases.put("filter.levels", vars("f", Map.of("levels", List.of(9))));
        cases.put("filter.licences", vars("f", Map.of("licences", java.util.Collections.nCopies(21, "MIT"))));
        cases.put("query", vars("q", "a".repeat(257)));
        cases.put("filter.communityId", vars("f", Map.of("communityId", "nonsense")));
        cases.put("first", vars("first", 101));
        for (Map.Entry<String, Object> c : cases.entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> v = (Map<String, Object>) c.getValue();
            search(l.owner(), v)
                    .body("errors[0].extensions.code", equalTo("INVALID_INPUT"))
                    .body("errors[0].message", org.hamcrest.Matchers.containsString(c.getKey()));
        }
    }
}
