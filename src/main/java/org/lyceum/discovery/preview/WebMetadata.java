package org.lyceum.discovery.preview;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.jspecify.annotations.Nullable;

@Description("What a web page says about itself, read from the start of its HTML (at most 512 KiB): a link preview.")
public record WebMetadata(
        @NonNull @Description("The page's address, after redirects.") String url,
        @Nullable @Description("OpenGraph or Twitter card title, else the page's <title>.") String title,
        @Nullable @Description("OpenGraph or Twitter card description, else <meta name=description>.")
                String description,
        @Nullable @Description("Absolute http(s) URL of the page's preview image (og:image or twitter:image).")
                String imageUrl,
        @Nullable @Description("The site's name (og:site_name).") String siteName,
        @Nullable
                @Description("The page's language as an ISO 639-1 code (\"en\"), from <html lang>, og:locale or"
                        + " Content-Language; null when it has none that maps to one.")
                String language,
        @Nullable
                @Description("The page's licence (rel=license, JSON-LD license): its SPDX code when it is a Creative"
                        + " Commons licence or an SPDX URL (\"CC-BY-SA-4.0\", \"CC0-1.0\"), else the licence's"
                        + " URL as the page gives it.")
                String licence,
        @Nullable @Description("The page's media type, such as \"text/html\".") String mediaType) {}
