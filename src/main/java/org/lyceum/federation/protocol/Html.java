package org.lyceum.federation.protocol;

import java.util.regex.Pattern;

/**
 * Remote content arrives as HTML; Lyceum keeps plain text (the frontend escapes it), so no remote
 * markup can reach a reader. Local plain text goes out as escaped HTML paragraphs.
 */
public final class Html {

    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>|</p\\s*>|</li\\s*>|</h[1-6]\\s*>|</blockquote\\s*>");
    private static final Pattern DROPPED = Pattern.compile("(?is)<(script|style)[^>]*>.*?</\\1\\s*>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos|nbsp);");

    private Html() {
    }

    public static String toText(String html) {
        if (html == null) {
            return null;
        }
        String s = DROPPED.matcher(html).replaceAll("");
        s = BREAK.matcher(s).replaceAll("\n");
        s = TAG.matcher(s).replaceAll("");
        s = ENTITY.matcher(s).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(entity(m.group(1))));
        return s.replaceAll("\n{3,}", "\n\n").strip();
    }

    public static String fromText(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (String para : text.strip().split("\n\\s*\n")) {
            out.append("<p>").append(escape(para).replace("\n", "<br>")).append("</p>");
        }
        return out.toString();
    }

    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String entity(String name) {
        return switch (name) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> " ";
            default -> {
                try {
                    int cp = name.startsWith("#x") ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
                    yield Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : "";
                } catch (NumberFormatException e) {
                    yield "";
                }
            }
        };
    }
}
