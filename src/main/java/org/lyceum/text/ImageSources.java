package org.lyceum.text;

import java.util.List;
import java.util.Locale;

/**
 * Where an image in rendered text may come from: this instance's public media ({@code /media/}
 * under the base URL and under {@code lyceum.media.public-base-url}). Anything else would let a
 * post make every reader's browser call a server of the author's choosing.
 */
public record ImageSources(List<String> prefixes) {

    /** No images at all: their alt text stays. */
    public static final ImageSources NONE = new ImageSources(List.of());

    public ImageSources {
        prefixes = List.copyOf(prefixes);
    }

    /** The media URLs under these bases ({@code https://example.org} gives {@code https://example.org/media/}). */
    public static ImageSources media(List<String> bases) {
        return new ImageSources(bases.stream()
                .map(b -> (b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + "/media/")
                .distinct()
                .toList());
    }

    /** Whether the src is one of this instance's public files; no dot segments, which could climb out of /media/. */
    public boolean allows(String src) {
        if (src.contains("..")
                || src.contains("\\")
                || src.toLowerCase(Locale.ROOT).contains("%2e")) {
            return false;
        }
        for (String p : prefixes) {
            if (src.startsWith(p) && src.length() > p.length()) {
                return true;
            }
        }
        return false;
    }
}
