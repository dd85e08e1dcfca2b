package org.lyceum.digest;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jspecify.annotations.Nullable;
import org.lyceum.instance.InstanceConfig;

/**
 * The unsubscribe link of digests, without login. GET only shows a confirmation form, because
 * mail scanners open links; POST unsubscribes, and is what one-click unsubscribe (RFC 8058) sends.
 * A bad or expired token is a 400 with a reason and changes nothing.
 */
@Path("/digest/unsubscribe")
@Produces(MediaType.TEXT_HTML)
public class UnsubscribeResource {

    private final UnsubscribeTokens tokens;
    private final NotificationSettings settings;
    private final InstanceConfig instance;

    UnsubscribeResource(UnsubscribeTokens tokens, NotificationSettings settings, InstanceConfig instance) {
        this.tokens = tokens;
        this.settings = settings;
        this.instance = instance;
    }

    @GET
    public Uni<Response> confirm(@QueryParam("token") String token) {
        return tokens.verify(token)
                .map(person -> page(
                        Response.Status.OK,
                        "Unsubscribe from digests?",
                        "<form method=\"post\" action=\"?token=" + escape(token) + "\">"
                                + "<button type=\"submit\">Unsubscribe from digest emails</button></form>"))
                .onFailure(UnsubscribeTokens.BadToken.class)
                .recoverWithItem(e -> bad(e.getMessage()));
    }

    @POST
    public Uni<Response> unsubscribe(@QueryParam("token") String token) {
        return tokens.verify(token)
                .chain(settings::unsubscribe)
                .map(done -> page(
                        Response.Status.OK,
                        "Unsubscribed",
                        "<p>You will get no more digest emails from " + escape(instance.name())
                                + ". You can turn them on again in your notification settings.</p>"))
                .onFailure(UnsubscribeTokens.BadToken.class)
                .recoverWithItem(e -> bad(e.getMessage()));
    }

    private Response bad(@Nullable String reason) {
        return page(Response.Status.BAD_REQUEST, "This link does not work", "<p>" + escape(reason) + "</p>");
    }

    private Response page(Response.Status status, String title, String body) {
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title></head><body><h1>" + escape(title) + "</h1>" + body + "</body></html>";
        return Response.status(status)
                .entity(html)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .build();
    }

    private static String escape(@Nullable String s) {
        return s == null
                ? ""
                : s.replace("&", "&amp;")
                        .replace("<", "&lt;")
                        .replace(">", "&gt;")
                        .replace("\"", "&quot;");
    }
}
