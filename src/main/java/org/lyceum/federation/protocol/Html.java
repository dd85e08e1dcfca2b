package org.lyceum.federation.protocol;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Remote content arrives as HTML; Lyceum keeps plain text (the frontend escapes it), so no remote
 * markup can reach a reader. Local plain text goes out as escaped HTML paragraphs. The scan is
 * one pass (no regular expressions over untrusted input, whose backtracking an attacker can make
 * quadratic), and input beyond {@link #MAX_INPUT} characters is dropped first.
 */
public final class Html {

    public static final int MAX_INPUT = 200_000;

    private Html() {}

    public static @Nullable String toText(@Nullable String html) {
        if (html == null) {
            return null;
        }
        String s = html.length() > MAX_INPUT ? html.substring(0, MAX_INPUT) : html;
        String lower = s.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (ch == '<') {
                int end = s.indexOf('>', i);
                if (end < 0) {
                    break;
                }
                String tag = tagName(lower, i + 1, end);
                if (tag.equals("script") || tag.equals("style")) {
                    int close = lower.indexOf("</" + tag, end);
                    int closeEnd = close < 0 ? -1 : s.indexOf('>', close);
                    if (closeEnd < 0) {
                        break;
                    }
                    i = closeEnd + 1;
                    continue;
                }
                if (tag.equals("br")
                        || tag.equals("/p")
                        || tag.equals("/li")
                        || tag.equals("/blockquote")
                        || (tag.length() == 3 && tag.startsWith("/h") && Character.isDigit(tag.charAt(2)))) {
                    out.append('\n');
                }
                i = end + 1;
            } else if (ch == '&') {
                int semi = -1;
                for (int j = i + 1; j < Math.min(s.length(), i + 12) && semi < 0; j++) {
                    semi = s.charAt(j) == ';' ? j : -1;
                }
                String decoded = semi > i ? entity(s.substring(i + 1, semi)) : null;
                if (decoded != null) {
                    out.append(decoded);
                    i = semi + 1;
                } else {
                    out.append('&');
                    i++;
                }
            } else {
                out.append(ch);
                i++;
            }
        }
        return collapse(out.toString()).strip();
    }

    public static @Nullable String fromText(@Nullable String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (String para : text.strip().split("\n\\s*\n", -1)) {
            out.append("<p>").append(escape(para).replace("\n", "<br>")).append("</p>");
        }
        return out.toString();
    }

    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** The tag's name, lower case, with a leading "/" for closing tags. */
    private static String tagName(String lower, int from, int end) {
        int i = from;
        StringBuilder name = new StringBuilder();
        if (i < end && lower.charAt(i) == '/') {
            name.append('/');
            i++;
        }
        while (i < end && Character.isLetterOrDigit(lower.charAt(i))) {
            name.append(lower.charAt(i++));
        }
        return name.toString();
    }

    /** At most one empty line in a row. */
    private static String collapse(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int newlines = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            newlines = ch == '\n' ? newlines + 1 : 0;
            if (newlines <= 2) {
                out.append(ch);
            }
        }
        return out.toString();
    }

    private static @Nullable String entity(String name) {
        return switch (name) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> " ";
            default -> {
                if (!name.startsWith("#") || name.length() < 2) {
                    yield null;
                }
                try {
                    int cp = name.startsWith("#x") || name.startsWith("#X")
                            ? Integer.parseInt(name.substring(2), 16)
                            : Integer.parseInt(name.substring(1));
                    yield Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : "";
                } catch (NumberFormatException e) {
                    yield null;
                }
            }
        };
    }
}
