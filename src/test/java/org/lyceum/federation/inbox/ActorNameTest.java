package org.lyceum.federation.inbox;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lyceum.common.GlobalId;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;
import org.lyceum.support.Rows;

/**
 * A remote actor's preferredUsername becomes its handle here, so one that would not read as one
 * name is refused (as Lemmy checks actor names): the actor is not stored, its activities get 401
 * with the reason, and resolve answers FORBIDDEN with it. Names of any script pass, in NFC.
 */
@QuarkusTest
class ActorNameTest extends InboxFixture {

    private static final String RESOLVE = "query($q: String!) { resolve(query: $q) { id __typename } }";

    private static final List<String> BAD = List.of(
            "eve@evil.example",
            "eve smith",
            "eve\u202Egnp.exe",
            "eve\u200Bx",
            "eve\u0007x",
            "eve\tx",
            "eve:x",
            "eve/x",
            "\u0301eve",
            "e".repeat(65),
            "");

    @Test
    void anActorWithAnUnusableHandleIsRefusedWithTheReason() {
        User reader = Api.user("reader");
        String target = "https://lyceum.test/people/" + GlobalId.uuid("id", reader.personId(), "Person");
        for (int i = 0; i < BAD.size(); i++) {
            String bad = BAD.get(i);
            String local = "badname" + i;
            String actor = peer.actor(local, "Person");
            peer.extras.put(local, new JsonObject().put("preferredUsername", bad));
            Response refused = signed(local, "/inbox", activity("Follow", actor, target), false);
            assertEquals(401, refused.statusCode(), "for " + bad);
            refused.then().body(containsString("preferredUsername"));
            Api.call(reader, RESOLVE, Map.of("q", actor))
                    .body("data.resolve", nullValue())
                    .body("errors[0].extensions.code", equalTo("FORBIDDEN"))
                    .body("errors[0].message", containsString("preferredUsername"));
            assertEquals(0, Rows.count(db, "select count(*) from person where ap_id = ?", actor), "for " + bad);
        }
    }

    @Test
    void handlesOfAnyScriptAreKeptInNfc() {
        User reader = Api.user("reader");
        Map<String, String> names = Map.of(
                "goodname1", "Ünïcode_user",
                "goodname2", "名前",
                "goodname3", "हिन्दी",
                "goodname4", "a.b-c_d",
                "goodname5", "jose\u0301");
        names.forEach((local, handle) -> {
            String actor = peer.actor(local, "Person");
            peer.extras.put(local, new JsonObject().put("preferredUsername", handle));
            Api.call(reader, RESOLVE, Map.of("q", actor))
                    .body("errors", nullValue())
                    .body("data.resolve.__typename", equalTo("Person"));
        });
        assertEquals("josé", Rows.string(db, "select username from person where ap_id = ?", peer.actorId("goodname5")));
        assertEquals("名前", Rows.string(db, "select username from person where ap_id = ?", peer.actorId("goodname2")));
    }
}
