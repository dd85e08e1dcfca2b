package org.lyceum.activity;

/** What an activity did, named after the ActivityStreams activity it will federate as. */
public enum Verb {
    CREATE,
    UPDATE,
    DELETE,
    LIKE,
    UNLIKE,
    FOLLOW,
    UNFOLLOW,
    JOIN,
    LEAVE,
    MOVE,
    /** A join request or follow was refused. */
    REJECT,
    /** A person was banned from a community. */
    BLOCK,
    UNBLOCK,
    /** Something was reported. */
    FLAG,
    /** Something was featured (pinned) in a community. */
    ADD,
    /** Something was no longer featured in a community. */
    REMOVE
}
