package org.lyceum.community;

import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;
import org.lyceum.support.GraphQL;
import org.lyceum.support.Rows;

/**
 * One test per row of docs/permissions.md, each trying the action allowed and denied. An allowed
 * action is checked by its effect, read back afterwards (the thing exists, changed or is seen), not
 * only by the absence of an error; a denied one by its code.
 */
@QuarkusTest
class PermissionsTest {

    @Inject
    DataSource db;

    /** A community with one person of each standing. */
    record World(String id, String name, User owner, User moderator, User member, User pending, User outsider) {

        static World of(String visibility) {
            User owner = Api.user("owner");
            User moderator = Api.user("moderator");
            User member = Api.user("member");
            User pending = Api.user("pending");
            User outsider = Api.user("outsider");
            String id = Api.community(owner, "PUBLIC");
            Api.join(moderator, id);
            Api.join(member, id);
            Api.ok(
                    owner,
                    "mutation($input: SetMemberRoleInput!) { setMemberRole(input: $input) { member { role } } }",
                    Map.of("communityId", id, "personId", moderator.personId(), "role", "MODERATOR"),
                    "data.setMemberRole.member.role");
            if (!visibility.equals("PUBLIC")) {
                Api.ok(
                        owner,
                        "mutation($input: UpdateCommunityInput!) { updateCommunity(input: $input) { community { id } } }",
                        Map.of("id", id, "visibility", visibility),
                        "data.updateCommunity.community.id");
            }
            if (visibility.equals("PRIVATE")) {
                Api.join(pending, id);
            }
            return new World(id, Api.communityName(owner, id), owner, moderator, member, pending, outsider);
        }
    }

    private static ValidatableResponse allowed(User user, String document, Map<String, Object> input) {
        return Api.call(user, document, Map.of("input", input)).body("errors", nullValue());
    }

    /** A read that must succeed, for checking what an allowed action did. */
    private static ValidatableResponse read(User user, String query, Map<String, Object> variables) {
        return Api.call(user, query, variables).body("errors", nullValue());
    }

    /** The community as {@code user} sees it: title, their membership, role and follow. */
    private static ValidatableResponse community(User user, String name) {
        return read(
                user,
                "query($n: String!) { community(name: $n) { id title myMembership myRole myFollow } }",
                Map.of("n", name));
    }

    private static final String COMMENT = "query($id: ID!) { node(id: $id) { ... on Comment { content deleted } } }";

    private static void denied(User user, String document, Map<String, Object> input, String code) {
        Api.call(user, document, Map.of("input", input)).body("errors[0].extensions.code", equalTo(code));
    }

    private static final String UPDATE =
            "mutation($input: UpdateCommunityInput!) { updateCommunity(input: $input) { community { id } } }";
    private static final String DECIDE =
            "mutation($input: DecideJoinRequestInput!) { decideJoinRequest(input: $input) { community { id } } }";
    private static final String SET_ROLE =
            "mutation($input: SetMemberRoleInput!) { setMemberRole(input: $input) { member { role } } }";
    private static final String TRANSFER =
            "mutation($input: TransferCommunityInput!) { transferCommunity(input: $input) { community { id } } }";
    private static final String DELETE =
            "mutation($input: DeleteObjectInput!) { deleteObject(input: $input) { deletedId } }";
    private static final String CREATE_COLLECTION =
            "mutation($input: CreateCollectionInput!) { createCollection(input: $input) { collection { id } } }";
    private static final String UPDATE_COLLECTION =
            "mutation($input: UpdateCollectionInput!) { updateCollection(input: $input) { collection { id } } }";
    private static final String UPDATE_RESOURCE =
            "mutation($input: UpdateResourceInput!) { updateResource(input: $input) { resource { id } } }";
    private static final String MOVE =
            "mutation($input: MoveResourceInput!) { moveResource(input: $input) { resource { id } } }";
    private static final String UPDATE_COMMENT =
            "mutation($input: UpdateCommentInput!) { updateComment(input: $input) { comment { id } } }";
    private static final String LIKE = "mutation($input: ObjectIdInput!) { like(input: $input) { object { id } } }";
    private static final String BOOKMARK =
            "mutation($input: ObjectIdInput!) { bookmark(input: $input) { object { id } } }";
    private static final String FOLLOW = "mutation($input: FollowInput!) { follow(input: $input) { target { id } } }";

    @Test
    void row1_communityHeadersAreVisibleToEveryoneUntilDeleted() {
        World w = World.of("PRIVATE");
        GraphQL.anonymous("{ community(name: \"" + w.name + "\") { title visibility memberCount } }")
                .body("data.community.title", equalTo("A community"))
                .body("data.community.visibility", equalTo("PRIVATE"))
                .body("data.community.memberCount", nullValue());
        allowed(w.owner, DELETE, Map.of("id", w.id)).body("data.deleteObject.deletedId", equalTo(w.id));
        GraphQL.anonymous("{ community(name: \"" + w.name + "\") { title } }").body("data.community", nullValue());
    }

    @Test
    void row2_privateContentIsForMembersOnly() {
        World w = World.of("PRIVATE");
        String collection = Api.collection(w.member, w.id);
        String resource = Api.resource(w.member, collection, "Secret plan");
        String thread = Api.thread(w.member, w.id, "Secret thread");
        String content = "query($id: ID!, $name: String!) { node(id: $id) { id } community(name: $name) { memberCount "
                + "collections { totalCount } threads { totalCount } members { totalCount } } "
                + "communityFeed(name: $name) { totalCount } }";
        for (User insider : new User[] {w.owner, w.member}) {
            for (String id : new String[] {collection, resource, thread}) {
                Api.call(insider, content, Map.of("id", id, "name", w.name))
                        .body("errors", nullValue())
                        .body("data.node.id", equalTo(id))
                        .body("data.community.memberCount", equalTo(3))
                        .body("data.community.collections.totalCount", equalTo(1))
                        .body("data.community.members.totalCount", equalTo(3))
                        .body("data.communityFeed.totalCount", equalTo(3));
            }
        }
        for (User outsider : new User[] {w.outsider, w.pending}) {
            for (String id : new String[] {collection, resource, thread}) {
                Api.call(outsider, content, Map.of("id", id, "name", w.name))
                        .body("errors", nullValue())
                        .body("data.node", nullValue())
                        .body("data.community.memberCount", nullValue())
                        .body("data.community.collections.totalCount", equalTo(0))
                        .body("data.community.threads.totalCount", equalTo(0))
                        .body("data.community.members.totalCount", equalTo(0))
                        .body("data.communityFeed.totalCount", equalTo(0));
            }
        }
        GraphQL.anonymous("{ resource(id: \"" + resource + "\") { title } }").body("data.resource", nullValue());
    }

    @Test
    void row3_unlistedCommunitiesAreListedToTheirMembersOnly() {
        World unlisted = World.of("UNLISTED");
        World secret = World.of("PRIVATE");
        String list = "{ communities(first: 100, filter: {query: \"c_\"}) { edges { node { id } } } }";
        GraphQL.as(unlisted.member.token(), list).body("data.communities.edges.node.id", hasItem(unlisted.id));
        GraphQL.as(unlisted.outsider.token(), list)
                .body("data.communities.edges.node.id", not(hasItem(unlisted.id)))
                .body("data.communities.edges.node.id", hasItem(secret.id));
        GraphQL.as(unlisted.outsider.token(), "{ community(name: \"" + unlisted.name + "\") { id } }")
                .body("data.community.id", equalTo(unlisted.id));
    }

    @Test
    void row4_theInstanceFeedShowsPublicCommunitiesOnly() {
        World open = World.of("PUBLIC");
        World secret = World.of("PRIVATE");
        String openThread = Api.thread(open.member, open.id, "Open");
        String secretThread = Api.thread(secret.member, secret.id, "Hidden");
        for (User viewer : new User[] {open.outsider, secret.member}) {
            GraphQL.as(viewer.token(), "{ instanceFeed(first: 100) { edges { node { object { id } } } } }")
                    .body("data.instanceFeed.edges.node.object.id", hasItem(openThread))
                    .body("data.instanceFeed.edges.node.object.id", not(hasItem(secretThread)));
        }
    }

    @Test
    void row5_homeFeedNeedsASignIn() {
        World w = World.of("PUBLIC");
        String thread = Api.thread(w.owner, w.id, "For the members");
        GraphQL.as(w.member.token(), "{ homeFeed(first: 100) { edges { node { object { id } } } } }")
                .body("errors", nullValue())
                .body("data.homeFeed.edges.node.object.id", hasItem(thread));
        GraphQL.anonymous("{ homeFeed { totalCount } }").body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void row6_anyoneSignedInCreatesCommunities() {
        User creator = Api.user("creator");
        String name = Api.unique("mine");
        String id = allowed(
                        creator,
                        "mutation($input: CreateCommunityInput!) { createCommunity(input: $input) { community { id } } }",
                        Map.of("name", name, "title", "Mine"))
                .extract()
                .path("data.createCommunity.community.id");
        community(creator, name)
                .body("data.community.id", equalTo(id))
                .body("data.community.title", equalTo("Mine"))
                .body("data.community.myRole", equalTo("OWNER"));
        GraphQL.anonymous(
                        "mutation { createCommunity(input: {name: \"nobody_c\", title: \"t\"}) { community { id } } }")
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void row7_ownerAndModeratorsUpdateTheCommunity() {
        World w = World.of("PUBLIC");
        allowed(w.owner, UPDATE, Map.of("id", w.id, "title", "By owner"));
        community(w.outsider, w.name).body("data.community.title", equalTo("By owner"));
        allowed(w.moderator, UPDATE, Map.of("id", w.id, "title", "By moderator"));
        community(w.outsider, w.name).body("data.community.title", equalTo("By moderator"));
        denied(w.member, UPDATE, Map.of("id", w.id, "title", "By member"), "FORBIDDEN");
        denied(w.outsider, UPDATE, Map.of("id", w.id, "title", "By outsider"), "FORBIDDEN");
        community(w.outsider, w.name).body("data.community.title", equalTo("By moderator"));
    }

    @Test
    void row8_joiningNeedsASignIn() {
        World w = World.of("PUBLIC");
        community(w.outsider, w.name).body("data.community.myMembership", nullValue());
        allowed(
                w.outsider,
                "mutation($input: CommunityIdInput!) { joinCommunity(input: $input) { community { id } } }",
                Map.of("id", w.id));
        community(w.outsider, w.name)
                .body("data.community.myMembership", equalTo("JOINED"))
                .body("data.community.myRole", equalTo("MEMBER"));
        GraphQL.anonymous("mutation { joinCommunity(input: {id: \"" + w.id + "\"}) { community { id } } }")
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void row9_everyoneButTheOwnerMayLeave() {
        World w = World.of("PRIVATE");
        String leave =
                "mutation($input: CommunityIdInput!) { leaveCommunity(input: $input) { community { myMembership } } }";
        community(w.pending, w.name).body("data.community.myMembership", equalTo("PENDING"));
        for (User leaving : new User[] {w.member, w.moderator, w.pending}) {
            allowed(leaving, leave, Map.of("id", w.id));
            community(leaving, w.name)
                    .body("data.community.myMembership", nullValue())
                    .body("data.community.myRole", nullValue());
        }
        denied(w.owner, leave, Map.of("id", w.id), "CONFLICT");
        community(w.owner, w.name).body("data.community.myRole", equalTo("OWNER"));
    }

    @Test
    void row10_ownerAndModeratorsDecideJoinRequests() {
        World w = World.of("PRIVATE");
        User second = Api.user("second");
        Api.join(second, w.id);
        denied(
                w.member,
                DECIDE,
                Map.of("communityId", w.id, "personId", w.pending.personId(), "approve", true),
                "FORBIDDEN");
        denied(
                w.outsider,
                DECIDE,
                Map.of("communityId", w.id, "personId", w.pending.personId(), "approve", true),
                "NOT_FOUND");
        GraphQL.as(w.member.token(), "{ community(name: \"" + w.name + "\") { joinRequests { totalCount } } }")
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        community(w.pending, w.name).body("data.community.myMembership", equalTo("PENDING"));
        allowed(w.moderator, DECIDE, Map.of("communityId", w.id, "personId", w.pending.personId(), "approve", true));
        community(w.pending, w.name).body("data.community.myMembership", equalTo("JOINED"));
        allowed(w.owner, DECIDE, Map.of("communityId", w.id, "personId", second.personId(), "approve", false));
        community(second, w.name).body("data.community.myMembership", nullValue());
        read(w.owner, "query($n: String!) { community(name: $n) { joinRequests { totalCount } } }", Map.of("n", w.name))
                .body("data.community.joinRequests.totalCount", equalTo(0));
    }

    @Test
    void row11_onlyTheOwnerSetsRoles() {
        World w = World.of("PUBLIC");
        denied(
                w.moderator,
                SET_ROLE,
                Map.of("communityId", w.id, "personId", w.member.personId(), "role", "MODERATOR"),
                "FORBIDDEN");
        denied(
                w.member,
                SET_ROLE,
                Map.of("communityId", w.id, "personId", w.member.personId(), "role", "MODERATOR"),
                "FORBIDDEN");
        community(w.member, w.name).body("data.community.myRole", equalTo("MEMBER"));
        allowed(w.owner, SET_ROLE, Map.of("communityId", w.id, "personId", w.member.personId(), "role", "MODERATOR"));
        community(w.member, w.name).body("data.community.myRole", equalTo("MODERATOR"));
    }

    @Test
    void row12_theOwnerOrAnInstanceAdminTransfersTheCommunity() {
        World w = World.of("PUBLIC");
        User admin = Api.user("admin", "user", "admin");
        denied(w.moderator, TRANSFER, Map.of("communityId", w.id, "personId", w.moderator.personId()), "FORBIDDEN");
        denied(w.member, TRANSFER, Map.of("communityId", w.id, "personId", w.member.personId()), "FORBIDDEN");
        community(w.owner, w.name).body("data.community.myRole", equalTo("OWNER"));
        allowed(admin, TRANSFER, Map.of("communityId", w.id, "personId", w.moderator.personId()));
        community(w.moderator, w.name).body("data.community.myRole", equalTo("OWNER"));
        community(w.owner, w.name).body("data.community.myRole", not(equalTo("OWNER")));
        allowed(w.moderator, TRANSFER, Map.of("communityId", w.id, "personId", w.member.personId()));
        community(w.member, w.name).body("data.community.myRole", equalTo("OWNER"));
        community(w.moderator, w.name).body("data.community.myRole", not(equalTo("OWNER")));
    }

    @Test
    void row13_theOwnerOrAnInstanceAdminDeletesTheCommunity() {
        World w = World.of("PUBLIC");
        World other = World.of("PUBLIC");
        User admin = Api.user("admin", "user", "admin");
        denied(w.moderator, DELETE, Map.of("id", w.id), "FORBIDDEN");
        denied(w.member, DELETE, Map.of("id", w.id), "FORBIDDEN");
        community(w.owner, w.name).body("data.community.id", equalTo(w.id));
        allowed(w.owner, DELETE, Map.of("id", w.id));
        community(w.owner, w.name).body("data.community", nullValue());
        allowed(admin, DELETE, Map.of("id", other.id));
        community(other.owner, other.name).body("data.community", nullValue());
    }

    @Test
    void row14_membersContribute() {
        World w = World.of("PRIVATE");
        World open = World.of("PUBLIC");
        String ours = allowed(w.member, CREATE_COLLECTION, Map.of("communityId", w.id, "title", "Ours"))
                .extract()
                .path("data.createCollection.collection.id");
        read(w.member, "query($id: ID!) { collection(id: $id) { title community { id } } }", Map.of("id", ours))
                .body("data.collection.title", equalTo("Ours"))
                .body("data.collection.community.id", equalTo(w.id));
        denied(w.pending, CREATE_COLLECTION, Map.of("communityId", w.id, "title", "Mine"), "NOT_FOUND");
        denied(open.outsider, CREATE_COLLECTION, Map.of("communityId", open.id, "title", "Mine"), "FORBIDDEN");
        String collection = Api.collection(open.member, open.id);
        String thread = Api.thread(open.member, open.id, "Ours");
        denied(
                open.outsider,
                "mutation($input: CreateResourceInput!) { createResource(input: $input) { resource { id } } }",
                Map.of("collectionId", collection, "title", "t", "url", "https://example.org"),
                "FORBIDDEN");
        denied(
                open.outsider,
                "mutation($input: CreateThreadInput!) { createThread(input: $input) { thread { id } } }",
                Map.of("communityId", open.id, "title", "t", "content", "c"),
                "FORBIDDEN");
        denied(
                open.outsider,
                "mutation($input: CreateReplyInput!) { createReply(input: $input) { comment { id } } }",
                Map.of("inReplyTo", thread, "content", "c"),
                "FORBIDDEN");
        String count = "query($id: ID!) { thread(id: $id) { commentCount } }";
        int before = read(open.outsider, count, Map.of("id", thread)).extract().path("data.thread.commentCount");
        String welcome = Api.reply(open.moderator, thread, "Welcome");
        read(open.outsider, COMMENT, Map.of("id", welcome)).body("data.node.content", equalTo("Welcome"));
        read(open.outsider, count, Map.of("id", thread)).body("data.thread.commentCount", equalTo(before + 1));
    }

    @Test
    void row15_authorsAndModeratorsCurateCollectionsAndResources() {
        World w = World.of("PUBLIC");
        User other = Api.user("other");
        Api.join(other, w.id);
        String collection = Api.collection(w.member, w.id);
        String first = Api.resource(w.member, collection, "R");
        String resource = Api.resource(w.member, collection, "S");
        String collectionTitle = "query($id: ID!) { collection(id: $id) { title } }";
        String resourceRead = "query($id: ID!) { resource(id: $id) { title position } }";
        allowed(w.member, UPDATE_COLLECTION, Map.of("id", collection, "title", "By author"));
        read(other, collectionTitle, Map.of("id", collection)).body("data.collection.title", equalTo("By author"));
        allowed(w.moderator, UPDATE_COLLECTION, Map.of("id", collection, "title", "By moderator"));
        read(other, collectionTitle, Map.of("id", collection)).body("data.collection.title", equalTo("By moderator"));
        denied(other, UPDATE_COLLECTION, Map.of("id", collection, "title", "By other"), "FORBIDDEN");
        read(other, collectionTitle, Map.of("id", collection)).body("data.collection.title", equalTo("By moderator"));
        allowed(w.member, UPDATE_RESOURCE, Map.of("id", resource, "title", "By author"));
        read(other, resourceRead, Map.of("id", resource)).body("data.resource.title", equalTo("By author"));
        allowed(w.owner, UPDATE_RESOURCE, Map.of("id", resource, "title", "By owner"));
        read(other, resourceRead, Map.of("id", resource)).body("data.resource.title", equalTo("By owner"));
        denied(other, UPDATE_RESOURCE, Map.of("id", resource, "title", "By other"), "FORBIDDEN");
        read(other, resourceRead, Map.of("id", resource)).body("data.resource.title", equalTo("By owner"));
        read(other, resourceRead, Map.of("id", resource)).body("data.resource.position", equalTo(1));
        allowed(w.moderator, MOVE, Map.of("id", resource, "position", 0));
        read(other, resourceRead, Map.of("id", resource)).body("data.resource.position", equalTo(0));
        read(other, resourceRead, Map.of("id", first)).body("data.resource.position", equalTo(1));
        denied(other, MOVE, Map.of("id", resource, "position", 1), "FORBIDDEN");
        read(other, resourceRead, Map.of("id", resource)).body("data.resource.position", equalTo(0));
    }

    @Test
    void row16_onlyTheAuthorEditsAComment() {
        World w = World.of("PUBLIC");
        String thread = Api.thread(w.owner, w.id, "T");
        String comment = Api.reply(w.member, thread, "Mine");
        allowed(w.member, UPDATE_COMMENT, Map.of("id", comment, "content", "Still mine"));
        read(w.outsider, COMMENT, Map.of("id", comment)).body("data.node.content", equalTo("Still mine"));
        denied(w.moderator, UPDATE_COMMENT, Map.of("id", comment, "content", "Moderated"), "FORBIDDEN");
        denied(w.owner, UPDATE_COMMENT, Map.of("id", comment, "content", "Owned"), "FORBIDDEN");
        read(w.outsider, COMMENT, Map.of("id", comment)).body("data.node.content", equalTo("Still mine"));
    }

    @Test
    void row17_onlyTheAuthorDeletesContentAndModeratorsAreSentToRemoveObject() {
        World w = World.of("PUBLIC");
        User staff = Api.user("staff", "user", "moderator");
        User admin = Api.user("admin", "user", "admin");
        String thread = Api.thread(w.owner, w.id, "T");
        String comment = Api.reply(w.member, thread, "1");
        User other = Api.user("other");
        Api.join(other, w.id);
        for (User refused : new User[] {other, w.moderator, w.owner, staff, admin}) {
            Api.call(refused, DELETE, Map.of("input", Map.of("id", comment)))
                    .body("errors[0].extensions.code", equalTo("FORBIDDEN"))
                    .body("errors[0].message", org.hamcrest.Matchers.containsString("removeObject"));
        }
        read(other, COMMENT, Map.of("id", comment))
                .body("data.node.deleted", equalTo(false))
                .body("data.node.content", equalTo("1"));
        allowed(w.member, DELETE, Map.of("id", comment));
        read(other, COMMENT, Map.of("id", comment))
                .body("data.node.deleted", equalTo(true))
                .body("data.node.content", nullValue());
        allowed(w.owner, DELETE, Map.of("id", thread));
        read(other, "query($id: ID!) { thread(id: $id) { id } }", Map.of("id", thread))
                .body("data.thread", nullValue());
    }

    @Test
    void row18_reactionsNeedASignInAndSight() {
        World secret = World.of("PRIVATE");
        String resource = Api.resource(secret.member, Api.collection(secret.member, secret.id), "R");
        String flags = "query($id: ID!) { resource(id: $id) { myLike likeCount myBookmark } }";
        allowed(secret.member, LIKE, Map.of("id", resource));
        read(secret.member, flags, Map.of("id", resource))
                .body("data.resource.myLike", equalTo(true))
                .body("data.resource.likeCount", equalTo(1));
        allowed(secret.member, BOOKMARK, Map.of("id", resource));
        read(secret.member, flags, Map.of("id", resource)).body("data.resource.myBookmark", equalTo(true));
        denied(secret.outsider, LIKE, Map.of("id", resource), "NOT_FOUND");
        denied(secret.outsider, BOOKMARK, Map.of("id", resource), "NOT_FOUND");
        denied(
                secret.outsider,
                "mutation($input: ObjectIdInput!) { unlike(input: $input) { object { id } } }",
                Map.of("id", resource),
                "NOT_FOUND");
        denied(
                secret.outsider,
                "mutation($input: ObjectIdInput!) { unbookmark(input: $input) { object { id } } }",
                Map.of("id", resource),
                "NOT_FOUND");
        allowed(
                secret.member,
                "mutation($input: ObjectIdInput!) { unlike(input: $input) { object { id } } }",
                Map.of("id", resource));
        allowed(
                secret.member,
                "mutation($input: ObjectIdInput!) { unbookmark(input: $input) { object { id } } }",
                Map.of("id", resource));
        read(secret.member, flags, Map.of("id", resource))
                .body("data.resource.myLike", equalTo(false))
                .body("data.resource.likeCount", equalTo(0))
                .body("data.resource.myBookmark", equalTo(false));
        for (String mutation : new String[] {"like", "unlike", "bookmark", "unbookmark"}) {
            GraphQL.anonymous("mutation { " + mutation + "(input: {id: \"" + resource + "\"}) { object { id } } }")
                    .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        }
    }

    @Test
    void row19_followingPeopleButNotOneselfAndWhatOneCanSee() {
        World secret = World.of("PRIVATE");
        String collection = Api.collection(secret.member, secret.id);
        String person = "query($u: String!) { person(username: $u) { myFollow followerCount } }";
        Map<String, Object> member = Map.of("u", secret.member.username());
        allowed(secret.outsider, FOLLOW, Map.of("id", secret.member.personId()));
        read(secret.outsider, person, member)
                .body("data.person.myFollow", equalTo(true))
                .body("data.person.followerCount", equalTo(1));
        allowed(secret.member, FOLLOW, Map.of("id", collection));
        read(secret.member, "query($id: ID!) { collection(id: $id) { myFollow } }", Map.of("id", collection))
                .body("data.collection.myFollow", equalTo(true));
        allowed(secret.member, FOLLOW, Map.of("id", secret.id));
        community(secret.member, secret.name).body("data.community.myFollow", equalTo(true));
        denied(secret.member, FOLLOW, Map.of("id", secret.member.personId()), "INVALID_INPUT");
        denied(secret.outsider, FOLLOW, Map.of("id", collection), "NOT_FOUND");
        denied(secret.outsider, FOLLOW, Map.of("id", secret.id), "NOT_FOUND");
        allowed(
                secret.outsider,
                "mutation($input: FollowInput!) { unfollow(input: $input) { target { id } } }",
                Map.of("id", secret.member.personId()));
        read(secret.outsider, person, member)
                .body("data.person.myFollow", equalTo(false))
                .body("data.person.followerCount", equalTo(0));
        GraphQL.anonymous("mutation { unfollow(input: {id: \"" + secret.member.personId() + "\"}) { target { id } } }")
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void row20_bookmarksShowOnlyToTheirOwner() {
        World w = World.of("PUBLIC");
        String resource = Api.resource(w.member, Api.collection(w.member, w.id), "R");
        allowed(w.member, BOOKMARK, Map.of("id", resource));
        String query = "query($id: ID!) { resource(id: $id) { myBookmark } }";
        Api.call(w.member, query, Map.of("id", resource)).body("data.resource.myBookmark", equalTo(true));
        Api.call(w.owner, query, Map.of("id", resource)).body("data.resource.myBookmark", equalTo(false));
    }

    @Test
    void row21_peopleEditTheirOwnProfile() {
        User person = Api.user("profile");
        Api.call(
                        person,
                        "mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { person { displayName summary } } }",
                        Map.of("input", Map.of("displayName", "Ms Profile", "summary", "Teaches chemistry")))
                .body("errors", nullValue())
                .body("data.updateProfile.person.displayName", equalTo("Ms Profile"));
        GraphQL.anonymous("mutation { updateProfile(input: {summary: \"x\"}) { person { id } } }")
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        // The chosen name survives the next request, whose token still carries the provider's name.
        Api.call(
                        person,
                        "query($u: String!) { person(username: $u) { displayName summary } }",
                        Map.of("u", person.username()))
                .body("data.person.displayName", equalTo("Ms Profile"))
                .body("data.person.summary", equalTo("Teaches chemistry"));
    }

    @Test
    void row22_onlyInstanceAdminsInvite() {
        User admin = Api.user("admin", "user", "admin");
        User member = Api.user("member");
        String invite = "mutation($input: InviteByEmailInput!) { inviteByEmail(input: $input) { invite { email } } }";
        String invited = Api.unique("new") + "@elsewhere.example";
        allowed(admin, invite, Map.of("email", invited)).body("data.inviteByEmail.invite.email", equalTo(invited));
        org.junit.jupiter.api.Assertions.assertEquals(
                1, Rows.count(db, "select count(*) from invite where email = ?", invited), "the invite was written");
        String refused = Api.unique("new") + "@elsewhere.example";
        denied(member, invite, Map.of("email", refused), "FORBIDDEN");
        org.junit.jupiter.api.Assertions.assertEquals(
                0, Rows.count(db, "select count(*) from invite where email = ?", refused));
    }

    @Test
    void row30_searchFindsAndCountsOnlyWhatTheCallerMaySee() {
        World secret = World.of("PRIVATE");
        World unlisted = World.of("UNLISTED");
        String word = "zp" + Api.unique("w").replaceAll("[^a-z0-9]", "");
        Api.resource(secret.member, Api.collection(secret.member, secret.id), "Hidden " + word);
        String search = "query($q: String!) { search(query: $q) { totalCount edges { node { __typename } }"
                + " facets { kinds { code count } } } }";
        for (User insider : new User[] {secret.owner, secret.member}) {
            Api.call(insider, search, Map.of("q", word))
                    .body("errors", nullValue())
                    .body("data.search.totalCount", equalTo(1))
                    .body("data.search.edges[0].node.__typename", equalTo("Resource"))
                    .body("data.search.facets.kinds[0].count", equalTo(1));
        }
        for (User outsider : new User[] {secret.outsider, secret.pending}) {
            Api.call(outsider, search, Map.of("q", word))
                    .body("errors", nullValue())
                    .body("data.search.totalCount", equalTo(0))
                    .body("data.search.edges", empty())
                    .body("data.search.facets.kinds", empty());
        }
        GraphQL.anonymous("{ search(query: \"" + word + "\") { totalCount } }")
                .body("data.search.totalCount", equalTo(0));
        // An unlisted community is found by its members, not by outsiders; a private one by everyone.
        String communities = "query($q: String!) { search(query: $q, filter: {kinds: [COMMUNITY]}) {"
                + " edges { node { ... on Community { name } } } } }";
        Api.call(unlisted.member, communities, Map.of("q", unlisted.name))
                .body("data.search.edges.node.name", hasItem(unlisted.name));
        Api.call(unlisted.outsider, communities, Map.of("q", unlisted.name))
                .body("data.search.edges.node.name", not(hasItem(unlisted.name)));
        Api.call(secret.outsider, communities, Map.of("q", secret.name))
                .body("data.search.edges.node.name", hasItem(secret.name));
    }

    @Test
    void deniedChangesLeaveNoTrace() {
        World w = World.of("PUBLIC");
        denied(w.member, UPDATE, Map.of("id", w.id, "title", "Hijacked"), "FORBIDDEN");
        GraphQL.anonymous("{ community(name: \"" + w.name + "\") { title } }")
                .body("data.community.title", equalTo("A community"));
        GraphQL.as(w.outsider.token(), "{ homeFeed { edges { cursor } } }").body("data.homeFeed.edges", empty());
    }
}
