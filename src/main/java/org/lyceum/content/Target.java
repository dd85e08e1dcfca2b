package org.lyceum.content;

import java.util.UUID;
import org.lyceum.community.Standing;

/** A content row as a mutation needs it: what it is, where, by whom, and the caller's standing there. */
public record Target(
        UUID id,
        String kind,
        UUID communityId,
        UUID authorId,
        UUID collectionId,
        UUID threadId,
        boolean deleted,
        // Its thread (or, for a thread, itself) is locked: no new replies but the moderators'.
        boolean locked,
        Standing standing) {

    public boolean discussion() {
        return kind.equals("THREAD") || kind.equals("COMMENT");
    }

    public String type() {
        return switch (kind) {
            case "COLLECTION" -> CollectionView.TYPE;
            case "RESOURCE" -> ResourceView.TYPE;
            case "THREAD" -> ThreadView.TYPE;
            default -> CommentView.TYPE;
        };
    }
}
