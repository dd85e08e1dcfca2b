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
    REMOVE,
    /** A moderator's removal was undone (federates as Undo of the removal's Delete). */
    RESTORE,
    /** A thread was locked: no new replies (Lemmy's Lock). */
    LOCK,
    UNLOCK,
    /** An admin deleted something for good; the row names it by ap_id in undoes, its content row is gone. */
    PURGE
}
