package org.lyceum.digest;

import org.lyceum.database.SqlRow;
import org.lyceum.federation.protocol.Html;

/** One new thing in a digest, as the templates show it. */
public record DigestItem(
        String kind,
        String title,
        String excerpt,
        String url,
        String community,
        String author,
        long likes,
        long replies) {

    private static final int EXCERPT = 200;

    static DigestItem from(SqlRow r) {
        String kind = r.getString("kind");
        String title = "COMMENT".equals(kind) ? "Re: " + r.getString("thread_title") : r.getString("title");
        String body = Html.toText(r.getString("body"));
        String excerpt = body == null ? "" : body.length() <= EXCERPT ? body : body.substring(0, EXCERPT - 3) + "...";
        return new DigestItem(
                kind,
                title,
                excerpt,
                r.getString("ap_id"),
                r.getString("community"),
                r.getString("author"),
                r.getLong("likes"),
                r.getLong("replies"));
    }

    public String label() {
        return switch (kind) {
            case "THREAD" -> "Discussion";
            case "RESOURCE" -> "Resource";
            default -> "Reply";
        };
    }
}
