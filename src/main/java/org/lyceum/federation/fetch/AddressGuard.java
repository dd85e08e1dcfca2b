package org.lyceum.federation.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Which addresses a remote fetch may reach: public ones only. Loopback, private (RFC 1918, IPv6
 * unique-local), link-local (cloud metadata at 169.254.169.254), CGNAT, multicast and unspecified
 * addresses are refused unless the allowlist (host names or CIDR blocks) opens them, for tests and
 * private deployments.
 */
public final class AddressGuard {

    private final List<String> hosts = new ArrayList<>();
    private final List<byte[][]> blocks = new ArrayList<>();

    public AddressGuard(List<String> allowlist) {
        for (String entry : allowlist) {
            String e = entry.trim().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) {
                continue;
            }
            if (e.contains("/") || Character.isDigit(e.charAt(0)) || e.contains(":")) {
                blocks.add(cidr(e.contains("/") ? e : e + (e.contains(":") ? "/128" : "/32")));
            } else {
                hosts.add(e);
            }
        }
    }

    /** Null when the host may be reached at this address, else why not. */
    public @Nullable String refusal(String host, InetAddress address) {
        if (hosts.contains(host.toLowerCase(Locale.ROOT)) || inBlocks(address)) {
            return null;
        }
        if (address.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (address.isAnyLocalAddress()) {
            return "an unspecified address";
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local address";
        }
        if (address.isSiteLocalAddress() || uniqueLocal(address) || carrierGrade(address)) {
            return "a private address";
        }
        if (address.isMulticastAddress()) {
            return "a multicast address";
        }
        if (address instanceof Inet6Address v6) {
            InetAddress v4 = mappedV4(v6);
            if (v4 != null) {
                return refusal(host, v4);
            }
        }
        return null;
    }

    private boolean inBlocks(InetAddress address) {
        byte[] a = address.getAddress();
        for (byte[][] block : blocks) {
            byte[] net = block[0];
            int bits = block[1][0] & 0xff;
            if (net.length != a.length) {
                continue;
            }
            boolean match = true;
            for (int i = 0; i < bits && match; i++) {
                int mask = 0x80 >>> (i % 8);
                match = (net[i / 8] & mask) == (a[i / 8] & mask);
            }
            if (match) {
                return true;
            }
        }
        return false;
    }

    private static byte[][] cidr(String text) {
        int slash = text.indexOf('/');
        try {
            byte[] net = InetAddress.getByName(text.substring(0, slash)).getAddress();
            int bits = Integer.parseInt(text.substring(slash + 1));
            if (bits < 0 || bits > net.length * 8) {
                throw new IllegalArgumentException("bad prefix length in " + text);
            }
            return new byte[][] {net, {(byte) bits}};
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("not an address or CIDR block: " + text);
        }
    }

    private static boolean uniqueLocal(InetAddress a) {
        return a instanceof Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc;
    }

    private static boolean carrierGrade(InetAddress a) {
        byte[] b = a.getAddress();
        return a instanceof Inet4Address && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
    }

    private static @Nullable InetAddress mappedV4(Inet6Address a) {
        byte[] b = a.getAddress();
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return null;
            }
        }
        if ((b[10] & 0xff) != 0xff || (b[11] & 0xff) != 0xff) {
            return null;
        }
        try {
            return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
