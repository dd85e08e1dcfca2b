package org.lyceum.digest;

import io.quarkus.mailer.Mail;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.UUID;
import org.lyceum.instance.InstanceConfig;

/**
 * A digest as a message: HTML and plain text from the Qute templates, and one-click unsubscribe
 * (RFC 8058) so mail clients can offer it; the Message-ID names the ledger row, so a receiving
 * system can tell a repeat of the same digest.
 */
@ApplicationScoped
public class DigestMail {

    private final Template html;
    private final Template text;
    private final InstanceConfig instance;

    DigestMail(
            @Location("digest/digest.html") Template html,
            @Location("digest/digest.txt") Template text,
            InstanceConfig instance) {
        this.html = html;
        this.text = text;
        this.instance = instance;
    }

    public Mail build(Recipient to, String period, DigestComposer.Contents contents, String unsubscribeToken) {
        String unsubscribe = instance.baseUrl() + "/digest/unsubscribe?token=" + unsubscribeToken;
        var data = java.util.Map.<String, Object>of(
                "unread",
                contents.unread(),
                "name",
                to.name(),
                "instance",
                instance.name(),
                "items",
                contents.items(),
                "more",
                contents.more(),
                "unsubscribeUrl",
                unsubscribe);
        String subject = "What is new on " + instance.name() + " (" + contents.total()
                + (contents.total() == 1 ? " item)" : " items)");
        return Mail.withHtml(to.email(), subject, html.data(data).render())
                .setText(text.data(data).render())
                .addHeader("Message-ID", "<digest-" + to.person() + "-" + period.replace('@', '.') + "@" + host() + ">")
                .addHeader("List-Unsubscribe", "<" + unsubscribe + ">")
                .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
                .addHeader("X-Lyceum-Digest-Period", period);
    }

    private String host() {
        String host = URI.create(instance.baseUrl()).getHost();
        return host == null ? "lyceum" : host;
    }

    /** Who gets the digest. */
    public record Recipient(UUID person, String email, String name) {}
}
