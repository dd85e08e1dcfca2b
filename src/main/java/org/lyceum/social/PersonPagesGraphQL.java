package org.lyceum.social;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.lyceum.account.AccountService;
import org.lyceum.account.PersonConnection;
import org.lyceum.account.PersonView;
import org.lyceum.common.PageRequest;
import org.lyceum.content.ContentConnection;
import org.lyceum.content.ContentKind;
import org.lyceum.content.ContributionLoader;

/** A person's page (contributions, followers, following) and the caller's bookmarks. */
@GraphQLApi
public class PersonPagesGraphQL {

    private final ContributionLoader contributions;
    private final FollowLoader follows;
    private final BookmarkQueries bookmarks;
    private final AccountService accounts;

    PersonPagesGraphQL(
            ContributionLoader contributions,
            FollowLoader follows,
            BookmarkQueries bookmarks,
            AccountService accounts) {
        this.contributions = contributions;
        this.follows = follows;
        this.bookmarks = bookmarks;
        this.accounts = accounts;
    }

    @Description(
            "What the person created (collections, resources, threads, comments) that the caller may see, "
                    + "newest first; deleted content and content of private communities the caller is not a member of are "
                    + "left out, and a thread's first comment (its text) is the thread. kinds: only these kinds (null or empty: all; a null item is INVALID_INPUT).")
    public Uni<@NonNull ContentConnection> contributions(
            @Source PersonView person,
            @Name("first") Integer first,
            @Name("after") String after,
            @Name("last") Integer last,
            @Name("before") String before,
            // List<@NonNull ...> would make the list itself required (smallrye-graphql#753): nulls are refused here.
            @Name("kinds") List<ContentKind> kinds) {
        PageRequest page = PageRequest.of(first, after, last, before);
        Set<ContentKind> asked = ContributionLoader.kinds(kinds);
        return accounts.viewer().chain(v -> contributions
                .page(v, person.uuid(), asked, page)
                .map(p -> ContentConnection.of(p, contributions.count(v, person.uuid(), asked))));
    }

    @Description("The people who follow this person, newest follow first; follows still waiting for a remote "
            + "server's answer are not listed.")
    public Uni<@NonNull PersonConnection> followers(
            @Source PersonView person,
            @Name("first") Integer first,
            @Name("after") String after,
            @Name("last") Integer last,
            @Name("before") String before) {
        return people(person, FollowLoader.Side.FOLLOWERS, PageRequest.of(first, after, last, before));
    }

    @Description("The people this person follows, newest follow first. Followed communities and collections are "
            + "not listed here.")
    public Uni<@NonNull PersonConnection> following(
            @Source PersonView person,
            @Name("first") Integer first,
            @Name("after") String after,
            @Name("last") Integer last,
            @Name("before") String before) {
        return people(person, FollowLoader.Side.FOLLOWING, PageRequest.of(first, after, last, before));
    }

    private Uni<PersonConnection> people(PersonView person, FollowLoader.Side side, PageRequest page) {
        return accounts.viewer().chain(v -> follows.page(v, person.uuid(), side, page)
                .map(p -> PersonConnection.of(p, follows.count(person.uuid(), side))));
    }

    @Query("bookmarks")
    @Description("The caller's bookmarks, newest bookmark first; signed-in callers only. Bookmarked content the "
            + "caller can no longer see (deleted, or in a private community they left) is not listed.")
    public Uni<@NonNull ContentConnection> bookmarks(
            @Name("first") Integer first,
            @Name("after") String after,
            @Name("last") Integer last,
            @Name("before") String before) {
        PageRequest page = PageRequest.of(first, after, last, before);
        return accounts.requireViewer()
                .chain(v -> bookmarks.page(v, page).map(p -> ContentConnection.of(p, bookmarks.count(v))));
    }

    public Uni<@NonNull Integer> totalCount(@Source ContentConnection connection) {
        return connection.total().map(Long::intValue);
    }

    public Uni<@NonNull Integer> totalCount(@Source PersonConnection connection) {
        return connection.total().map(Long::intValue);
    }
}
