package org.lyceum.discovery.preview;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.lyceum.account.AccountService;
import org.lyceum.ratelimit.RateClass;
import org.lyceum.ratelimit.RateLimits;

@GraphQLApi
public class PreviewGraphQL {

    private final AccountService accounts;
    private final LinkPreviews previews;

    private final RateLimits limits;

    PreviewGraphQL(AccountService accounts, LinkPreviews previews, RateLimits limits) {
        this.limits = limits;
        this.accounts = accounts;
        this.previews = previews;
    }

    @Query("fetchWebMetadata")
    @Description("A preview of a web page (title, description, image, language, licence) to fill in a resource"
            + " from its link. The page is fetched at most once a day per URL. Any failure is PREVIEW_UNAVAILABLE,"
            + " whatever its cause. Signed-in users only.")
    public Uni<WebMetadata> fetchWebMetadata(@Name("url") @NonNull String url) {
        return limits.check(RateClass.REMOTE_FETCH)
                .chain(accounts::requireViewer)
                .chain(viewer -> previews.preview(url));
    }
}
