package org.lyceum.media.upload;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The uploader's file name made safe for a URL path and a Content-Disposition header: letters,
 * digits, dots, dashes and underscores, no leading dot, at most 100 characters, and the extension
 * of what is served when an image was re-encoded.
 */
final class FileNames {

    private static final int MAX = 100;

    private FileNames() {}

    static String safe(String uploaded) {
        String base = uploaded.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        base = Normalizer.normalize(base, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        base = base.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("-{2,}", "-").replaceAll("^[.-]+", "");
        if (base.length() > MAX) {
            int dot = base.lastIndexOf('.');
            String extension = dot > 0 && base.length() - dot <= 10 ? base.substring(dot) : "";
            base = base.substring(0, MAX - extension.length()) + extension;
        }
        return base.isEmpty() ? "file" : base;
    }

    /** The name with the extension of the type an image was re-encoded to. */
    static String withExtensionOf(String name, String mediaType) {
        String extension =
                switch (mediaType) {
                    case "image/png" -> ".png";
                    case "image/jpeg" -> ".jpg";
                    default -> "";
                };
        if (extension.isEmpty() || name.toLowerCase(Locale.ROOT).endsWith(extension)) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name) + extension;
    }
}
