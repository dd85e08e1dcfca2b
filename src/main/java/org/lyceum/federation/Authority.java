package org.lyceum.federation;

import java.net.URI;
import java.util.Locale;

/**
 * A URL's host as servers name each other: lower-case, without a trailing dot (which would slip
 * past domain blocks), with the port only when it is not the scheme's default.
 */
public final class Authority {

    private Authority() {}

    public static String of(URI uri) {
        int port = uri.getPort();
        boolean standard = port < 0
                || ("https".equals(uri.getScheme()) && port == 443)
                || ("http".equals(uri.getScheme()) && port == 80);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host + (standard ? "" : ":" + port);
    }
}
