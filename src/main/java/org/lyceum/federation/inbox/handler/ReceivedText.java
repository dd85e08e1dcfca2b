package org.lyceum.federation.inbox.handler;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.database.Sql;
import org.lyceum.federation.protocol.Json;
import org.lyceum.notification.Notice;
import org.lyceum.notification.NotificationKind;
import org.lyceum.notification.Notifications;
import org.lyceum.text.Mentions;
import org.lyceum.text.Texts;

/** Who received content speaks to: the people of this instance it mentions, the author it replies to. */
@Singleton
class ReceivedText {

    private final Texts texts;
    private final Notifications notifications;

    ReceivedText(Texts texts, Notifications notifications) {
        this.texts = texts;
        this.notifications = notifications;
    }

    /**
     * Stores the object's Mention tags of people here and tells those mentioned for the first time
     * (unless {@code news} is false: content resolve fetched is not news); {@code about} is what
     * the notification points to, the comment its cause, as for mentions written here.
     */
    Uni<Void> mentioned(
            Sql tx,
            UUID contentId,
            JsonNode o,
            UUID author,
            UUID about,
            UUID communityId,
            boolean news,
            @Nullable UUID repliedTo) {
        return texts.storeTagged(tx, contentId, mentions(o))
                .chain(people -> news
                        ? notifications.to(
                                tx,
                                Notice.aboutContent(NotificationKind.MENTION, author, about, communityId, null)
                                        .causedBy(contentId.toString()),
                                // The author replied to is told of the reply, once (replied()).
                                people.stream()
                                        .filter(p -> !p.equals(repliedTo))
                                        .toList())
                        : Uni.createFrom().item(0))
                .replaceWithVoid();
    }

    /** REPLY to the author of what a new reply answers. */
    Uni<Void> replied(Sql tx, UUID author, UUID replyId, UUID communityId, UUID parentAuthor) {
        return notifications
                .to(tx, Notice.aboutContent(NotificationKind.REPLY, author, replyId, communityId, null), parentAuthor)
                .replaceWithVoid();
    }

    /** The hrefs of the object's {@code Mention} tags. */
    static List<String> mentions(JsonNode o) {
        JsonNode tags = o.get("tag");
        List<String> out = new ArrayList<>();
        if (tags == null) {
            return out;
        }
        Iterable<JsonNode> all = tags.isArray() ? tags : List.of(tags);
        for (JsonNode t : all) {
            String href = Json.text(t, "href");
            if ("Mention".equals(Json.text(t, "type")) && href != null && out.size() < Mentions.MAX) {
                out.add(href);
            }
        }
        return out;
    }
}
