package org.lyceum.community;

public enum CommunityRole {
    OWNER,
    MODERATOR,
    MEMBER;

    boolean moderates() {
        return this == OWNER || this == MODERATOR;
    }
}
