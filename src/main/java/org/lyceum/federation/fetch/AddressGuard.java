package org.lyceum.federation.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which addresses and ports a remote fetch may reach: public addresses only, on the web's ports.
 * Loopback, private (RFC 1918, IPv6 unique-local), link-local (cloud metadata at
 * 169.254.169.254), CGNAT, multicast, unspecified and reserved addresses (benchmarking
 * 198.18.0.0/15, IETF 192.0.0.0/24, documentation, 240.0.0.0/4) are refused, also when they come
 * wrapped in IPv6 (mapped, compatible, NAT64 64:ff9b::/96, 6to4 2002::/16); the local-use NAT64
 * prefix 64:ff9b:1::/48 leads into the operator's own network and is refused whole. Ports other
 * than the allowed ones (80 and 443) are refused. The allowlist (host names or CIDR blocks) opens
 * any address and port, for tests and private deployments.
 */
public final class AddressGuard {

    private final List<String> hosts = new ArrayList<>();
    private final List<byte[][]> blocks = new ArrayList<>();

    private final Set<Integer> ports;

    public AddressGuard(List<String> allowlist) {
        this(allowlist, Set.of(80, 443));
    }

    public AddressGuard(List<String> allowlist, Set<Integer> allowedPorts) {
        this.ports = Set.copyOf(allowedPorts);
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
        if (address instanceof Inet4Address && reservedV4(address.getAddress())) {
            return "a reserved address";
        }
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            if (prefix(b, NAT64_LOCAL, 6)) {
                return "a private address";
            }
            InetAddress v4 = embeddedV4(b);
            if (v4 != null) {
                return refusal(host, v4);
            }
        }
        return null;
    }

    /** Null when the port may be used for this host and address, else why not. */
    public @Nullable String portRefusal(String host, InetAddress address, int port) {
        if (ports.contains(port) || hosts.contains(host.toLowerCase(Locale.ROOT)) || inBlocks(address)) {
            return null;
        }
        return "port " + port + " (allowed: " + ports + ")";
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

    private static final byte[] NAT64 = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final byte[] NAT64_LOCAL = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 1};
    private static final byte[] MAPPED = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};
    private static final byte[] COMPATIBLE = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final byte[] SIX_TO_FOUR = {0x20, 0x02};

    /** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4), if any. */
    private static @Nullable InetAddress embeddedV4(byte[] b) {
        byte[] v4 = null;
        if (prefix(b, MAPPED, 12) || prefix(b, NAT64, 12) || prefix(b, COMPATIBLE, 12)) {
            v4 = new byte[] {b[12], b[13], b[14], b[15]};
        } else if (prefix(b, SIX_TO_FOUR, 2)) {
            v4 = new byte[] {b[2], b[3], b[4], b[5]};
        }
        if (v4 == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(v4);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean prefix(byte[] address, byte[] prefix, int length) {
        for (int i = 0; i < length; i++) {
            if (address[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** 0.0.0.0/8, 192.0.0.0/24, 192.0.2.0/24, 198.18.0.0/15, 198.51.100.0/24, 203.0.113.0/24, 240.0.0.0/4. */
    private static boolean reservedV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        return a0 == 0
                || (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2))
                || (a0 == 198 && (a1 & 0xfe) == 18)
                || (a0 == 198 && a1 == 51 && a2 == 100)
                || (a0 == 203 && a1 == 0 && a2 == 113)
                || a0 >= 240;
    }
}
