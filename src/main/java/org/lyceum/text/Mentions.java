package org.lyceum.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.jspecify.annotations.Nullable;

/**
 * {@code @name} and {@code @name@host} in Markdown's text. Only text nodes are looked at, so code
 * spans and blocks (which hold no text nodes), link texts and image alt texts never mention
 * anyone. Finding the handles and linking them are two steps, with the database lookup between.
 */
public final class Mentions {

    /** At most this many different people are looked up (and linked) per text. */
    public static final int MAX = 50;

    // Usernames and hosts as Username and DNS shape them; no nested ambiguous repetition, so the
    // match is linear. The look-behind keeps e-mail addresses and paths out.
    private static final Pattern HANDLE = Pattern.compile(
            "(?<![A-Za-z0-9_@/.\\-])@([A-Za-z0-9_]+(?:[.-][A-Za-z0-9_]+)*)(?:@([A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*(?::[0-9]{1,5})?))?");

    /** A handle as written; host null when none was given. */
    public record Handle(String username, @Nullable String host) {

        /** The lookup key: lower-case username and host, the host empty for this instance. */
        public String key(String localHost) {
            String h = host == null || host.equalsIgnoreCase(localHost) ? "" : host.toLowerCase(Locale.ROOT);
            return username.toLowerCase(Locale.ROOT) + "@" + h;
        }
    }

    /** A person a handle resolved to: where the link goes. */
    public record Target(java.util.UUID personId, String href) {}

    private Mentions() {}

    /** The distinct handles in the document's text, at most {@link #MAX}. */
    public static List<Handle> find(Node document) {
        Set<Handle> out = new LinkedHashSet<>();
        for (Text t : texts(document)) {
            Matcher m = HANDLE.matcher(t.getLiteral());
            while (m.find() && out.size() < MAX) {
                out.add(new Handle(m.group(1), m.group(2)));
            }
        }
        return new ArrayList<>(out);
    }

    /** Replaces resolved handles by links to their people; gives who was linked, in order. */
    public static List<java.util.UUID> link(Node document, Map<String, Target> byKey, String localHost) {
        Set<java.util.UUID> linked = new LinkedHashSet<>();
        if (byKey.isEmpty()) {
            return List.of();
        }
        for (Text t : texts(document)) {
            String s = t.getLiteral();
            Matcher m = HANDLE.matcher(s);
            int from = 0;
            boolean changed = false;
            while (m.find()) {
                Target target = byKey.get(new Handle(m.group(1), m.group(2)).key(localHost));
                if (target == null) {
                    continue;
                }
                if (m.start() > from) {
                    t.insertBefore(new Text(s.substring(from, m.start())));
                }
                Link link = new Link(target.href(), null);
                link.appendChild(new Text(m.group()));
                t.insertBefore(link);
                linked.add(target.personId());
                from = m.end();
                changed = true;
            }
            if (changed) {
                if (from < s.length()) {
                    t.insertBefore(new Text(s.substring(from)));
                }
                t.unlink();
            }
        }
        return new ArrayList<>(linked);
    }

    /** The text nodes outside links and images. */
    private static List<Text> texts(Node document) {
        List<Text> texts = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                texts.add(text);
            }

            @Override
            public void visit(Link link) {
                // A link's text is the link's: a handle in it stays as written.
            }

            @Override
            public void visit(Image image) {}
        });
        return texts;
    }
}
