package org.lyceum.discovery.preview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;

/**
 * Reads a page's own description of itself from the start of its HTML: {@code <title>}, OpenGraph
 * and Twitter card {@code <meta>}s, {@code <meta name=description>}, {@code <html lang>}, {@code
 * rel=license} links and JSON-LD's {@code license} and {@code inLanguage}. Blocking work (jsoup):
 * callers run it on a worker thread.
 */
final class PageReader {

    /** How much of a page is read; the metadata is in its head, which comes first. */
    static final int HEAD_BYTES = 512 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private PageReader() {}

    /** What the page says, with {@code page} (the address after redirects) for relative URLs. */
    static WebMetadata read(URI page, @Nullable String mediaType, @Nullable String charset, byte[] html) {
        Document doc;
        try {
            doc = Jsoup.parse(new ByteArrayInputStream(html), known(charset), page.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Element> meta = meta(doc);
        String title = first(text(meta, "og:title"), text(meta, "twitter:title"), clean(doc.title(), 300));
        String description =
                first(text(meta, "og:description"), text(meta, "twitter:description"), text(meta, "description"));
        String image = first(
                link(meta, "og:image"),
                link(meta, "og:image:url"),
                link(meta, "og:image:secure_url"),
                link(meta, "twitter:image"),
                link(meta, "twitter:image:src"));
        String siteName = first(text(meta, "og:site_name"), text(meta, "application-name"));
        JsonNode ld = jsonLd(doc);
        Element root = doc.selectFirst("html");
        String language = first(
                Languages.iso6391(root == null ? null : root.attr("lang")),
                Languages.iso6391(root == null ? null : root.attr("xml:lang")),
                Languages.iso6391(raw(meta, "og:locale")),
                Languages.iso6391(raw(meta, "content-language")),
                Languages.iso6391(ldValue(ld, "inLanguage")));
        return new WebMetadata(
                page.toString(), title, description, image, siteName, language, licence(doc, ld), mediaType);
    }

    /** The first {@code <meta>} of each name or property (lower case); http-equiv too. */
    private static Map<String, Element> meta(Document doc) {
        Map<String, Element> found = new HashMap<>();
        for (Element m : doc.select("meta[content]")) {
            for (String key : new String[] {m.attr("property"), m.attr("name"), m.attr("http-equiv")}) {
                String k = key.trim().toLowerCase(Locale.ROOT);
                if (!k.isEmpty() && !m.attr("content").isBlank()) {
                    found.putIfAbsent(k, m);
                }
            }
        }
        return found;
    }

    private static @Nullable String raw(Map<String, Element> meta, String key) {
        Element m = meta.get(key);
        return m == null ? null : m.attr("content");
    }

    private static @Nullable String text(Map<String, Element> meta, String key) {
        return clean(raw(meta, key), key.endsWith("description") ? 1000 : 300);
    }

    /** An absolute http(s) URL, relative ones resolved against the page (and its {@code <base>}). */
    private static @Nullable String link(Map<String, Element> meta, String key) {
        Element m = meta.get(key);
        return m == null ? null : web(m.absUrl("content"));
    }

    private static @Nullable String licence(Document doc, @Nullable JsonNode ld) {
        for (Element a : doc.select("link[rel][href], a[rel][href]")) {
            for (String rel : a.attr("rel").toLowerCase(Locale.ROOT).split("\\s+", -1)) {
                String url = rel.equals("license") ? web(a.absUrl("href")) : null;
                if (url != null) {
                    return licenceCode(url);
                }
            }
        }
        String stated = ldValue(ld, "license");
        return stated == null ? null : licenceCode(stated);
    }

    private static @Nullable String licenceCode(String stated) {
        String code = Licences.spdx(stated);
        return code != null ? code : clean(stated, 500);
    }

    /** Every JSON-LD block of the page as one array (blocks that do not parse are skipped). */
    private static @Nullable JsonNode jsonLd(Document doc) {
        var all = JSON.createArrayNode();
        for (Element script : doc.select("script[type=application/ld+json]")) {
            try {
                all.add(JSON.readTree(script.data()));
            } catch (IOException | RuntimeException ignored) {
                // a broken block says nothing
            }
        }
        return all.isEmpty() ? null : all;
    }

    /**
     * A property of the JSON-LD, nearest the top first (an item, an {@code @graph}, a main entity):
     * a string, or an object's {@code @id}, {@code url} or {@code name}.
     */
    private static @Nullable String ldValue(@Nullable JsonNode ld, String property) {
        if (ld == null) {
            return null;
        }
        for (int depth = 0; depth < 4; depth++) {
            String found = ldValue(ld, property, depth);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static @Nullable String ldValue(JsonNode node, String property, int depth) {
        if (node.isArray()) {
            for (JsonNode item : node) {
                String found = ldValue(item, property, depth);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (!node.isObject()) {
            return null;
        }
        if (depth == 0) {
            return scalar(node.get(property));
        }
        for (JsonNode child : node) {
            if (child.isContainerNode()) {
                String found = ldValue(child, property, depth - 1);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static @Nullable String scalar(@Nullable JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isArray()) {
            return value.isEmpty() ? null : scalar(value.get(0));
        }
        if (value.isObject()) {
            return first(scalar(value.get("@id")), scalar(value.get("url")), scalar(value.get("name")));
        }
        return value.isTextual() ? clean(value.asText(), 500) : null;
    }

    private static @Nullable String web(@Nullable String url) {
        if (url == null || url.length() > 2048) {
            return null;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") ? url : null;
    }

    /** Whitespace collapsed, at most {@code max} characters, null when empty. */
    private static @Nullable String clean(@Nullable String text, int max) {
        if (text == null) {
            return null;
        }
        String t = text.replaceAll("\\s+", " ").trim();
        if (t.isEmpty()) {
            return null;
        }
        if (t.length() <= max) {
            return t;
        }
        int end = Character.isHighSurrogate(t.charAt(max - 1)) ? max - 1 : max;
        return t.substring(0, end).trim() + "…";
    }

    private static @Nullable String first(@Nullable String... candidates) {
        for (String c : candidates) {
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    /** A charset Java knows, else null, which lets jsoup look at the page's own declaration. */
    private static @Nullable String known(@Nullable String charset) {
        try {
            return charset != null && Charset.isSupported(charset) ? charset : null;
        } catch (IllegalCharsetNameException e) {
            return null;
        }
    }
}
