package org.lyceum.community;

import org.eclipse.microprofile.graphql.Description;

@Description("Who sees a community's content and how people join.")
public enum Visibility {
    @Description("Listed; anyone may read; anyone signed in may join.")
    PUBLIC,
    @Description("Not listed in communities() or the instance feed; otherwise like PUBLIC.")
    UNLISTED,
    @Description("Listed by name and title only; content is visible to members; joining needs a moderator's approval.")
    PRIVATE
}
