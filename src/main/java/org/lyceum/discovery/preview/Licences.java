package org.lyceum.discovery.preview;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * SPDX codes of licence URLs: the unported and international Creative Commons licences
 * ({@code https://creativecommons.org/licenses/by-sa/4.0/} is {@code CC-BY-SA-4.0}, with or
 * without {@code deed.xx} or {@code legalcode}), CC0 and SPDX's own license pages. Ported
 * licences ({@code by/3.0/de}) have no code of their own here.
 */
final class Licences {

    private static final Pattern CC = Pattern.compile(
            "^https?://(?:www\\.)?creativecommons\\.org/(licenses|publicdomain)/([a-z-]+)/(\\d\\.\\d)"
                    + "(?:/(?:(?:deed|legalcode)(?:\\.[a-z_-]+)?)?)?/?$",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern SPDX = Pattern.compile(
            "^https?://spdx\\.org/licenses/([A-Za-z0-9.+-]+?)(?:\\.html|\\.json)?/?$", Pattern.CASE_INSENSITIVE);

    /** Creative Commons licence names (as in their URLs) to the SPDX spelling; 1.0 wrote by-nd-nc. */
    private static final Map<String, String> KINDS = Map.of(
            "by", "BY",
            "by-sa", "BY-SA",
            "by-nd", "BY-ND",
            "by-nc", "BY-NC",
            "by-nc-sa", "BY-NC-SA",
            "by-nc-nd", "BY-NC-ND",
            "by-nd-nc", "BY-NC-ND");

    private static final Set<String> VERSIONS = Set.of("1.0", "2.0", "2.5", "3.0", "4.0");

    private Licences() {}

    /** The SPDX code of a licence URL, or null when it is not one we know. */
    static @Nullable String spdx(String url) {
        String u = url.trim();
        Matcher cc = CC.matcher(u);
        if (cc.matches()) {
            String kind = cc.group(2).toLowerCase(Locale.ROOT);
            String version = cc.group(3);
            if (cc.group(1).equalsIgnoreCase("publicdomain")) {
                return kind.equals("zero") && version.equals("1.0") ? "CC0-1.0" : null;
            }
            String code = KINDS.get(kind);
            return code != null && VERSIONS.contains(version) ? "CC-" + code + "-" + version : null;
        }
        Matcher spdx = SPDX.matcher(u);
        return spdx.matches() ? spdx.group(1) : null;
    }
}
