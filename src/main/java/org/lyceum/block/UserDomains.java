package org.lyceum.block;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;
import org.lyceum.common.DomainException;

/**
 * A domain as a person's domain block stores it, in the form {@code person.host} has (as
 * {@code federation.Authority} writes it): lower case,
 * IDN as ASCII, no scheme, path or trailing dot, the port only when not the default. Anything
 * else is INVALID_INPUT naming the field {@code domain}.
 */
final class UserDomains {

    private static final Pattern DOMAIN =
            Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:[0-9]{1,5})?");

    private UserDomains() {}

    static String normalise(String raw) {
        String d = raw == null ? "" : raw.strip();
        if (d.isEmpty() || d.length() > 300) {
            throw DomainException.invalid("domain", "not a domain");
        }
        int scheme = d.indexOf("://");
        if (scheme >= 0) {
            d = d.substring(scheme + 3);
            int at = d.indexOf('@');
            d = at < 0 ? d : d.substring(at + 1);
        }
        int end = d.length();
        for (char stop : new char[] {'/', '?', '#'}) {
            int i = d.indexOf(stop);
            end = i < 0 ? end : Math.min(end, i);
        }
        d = d.substring(0, end);
        int colon = d.lastIndexOf(':');
        String host = colon < 0 ? d : d.substring(0, colon);
        String port = colon < 0 ? "" : d.substring(colon);
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        try {
            d = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT) + port;
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("domain", "not a domain");
        }
        if (port.equals(":443") || port.equals(":80")) {
            // As Authority names hosts: no default port.
            d = d.substring(0, d.length() - port.length());
        }
        if (d.length() > 253 || !DOMAIN.matcher(d).matches()) {
            throw DomainException.invalid("domain", "not a domain");
        }
        return d;
    }
}
