package dev.jobwire.core.webhook;

import dev.jobwire.core.port.HostResolver;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Decides whether jobwire may POST to a callback URL: the SSRF defence of webhooks, applied at
 * submit and again before every attempt (a name may resolve elsewhere by then).
 *
 * <p>Accepted: absolute {@code https} URLs without user info whose host resolves only to public
 * addresses. Refused: any address that is loopback, unspecified, private (10/8, 172.16/12,
 * 192.168/16, fc00::/7, fec0::/10), carrier-grade NAT (100.64/10), link-local (169.254/16 with
 * the cloud metadata endpoint 169.254.169.254, fe80::/10), multicast, broadcast or reserved
 * (0/8, 240/4, 198.18/15), including IPv4 addresses wrapped in IPv6 (mapped, compatible, 6to4,
 * NAT64). A name that does not resolve is refused too.
 *
 * <p>With {@code allowLoopback} (the local runtime's explicit flag, never on AWS), loopback
 * addresses are accepted, over plain {@code http} too; every other rule stays.
 */
public final class CallbackUrlPolicy {
    private final HostResolver resolver;
    private final boolean allowLoopback;
    private final String disabled;

    public CallbackUrlPolicy(HostResolver resolver, boolean allowLoopback) {
        this(resolver, allowLoopback, null);
    }

    private CallbackUrlPolicy(HostResolver resolver, boolean allowLoopback, String disabled) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.allowLoopback = allowLoopback;
        this.disabled = disabled;
    }

    /**
     * A policy that accepts no URL at all, for a deployment that sends no webhooks: refusing the
     * submit is better than accepting a callback that is never called.
     */
    public static CallbackUrlPolicy refusingAll() {
        return new CallbackUrlPolicy(HostResolver.system(), false, "callbackUrl is not supported by this server: it "
                + "sends no webhooks; follow the job over the WebSocket or poll it instead");
    }

    public boolean allowsLoopback() {
        return allowLoopback;
    }

    /** The outcome of a check. */
    public sealed interface Result {
    }

    /** The URL may be called; {@code addresses} are what its host resolved to, all allowed. */
    public record Accepted(URI url, List<InetAddress> addresses) implements Result {
        public Accepted {
            Objects.requireNonNull(url, "url");
            addresses = List.copyOf(addresses);
        }
    }

    /** The URL must not be called; {@code reason} is safe to show the client. */
    public record Rejected(String reason) implements Result {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    public Result check(String url) {
        if (disabled != null) {
            return new Rejected(disabled);
        }
        if (url == null || url.isBlank()) {
            return new Rejected("callbackUrl is empty");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return new Rejected("callbackUrl is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque() || !(scheme.equals("https") || scheme.equals("http"))) {
            return new Rejected("callbackUrl must be an https:// URL");
        }
        if (uri.getRawUserInfo() != null) {
            return new Rejected("callbackUrl must not contain user info");
        }
        if (uri.getRawFragment() != null) {
            return new Rejected("callbackUrl must not contain a fragment");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return new Rejected("callbackUrl has no host");
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException | RuntimeException e) {
            return new Rejected("callbackUrl host " + host + " does not resolve");
        }
        if (addresses.isEmpty()) {
            return new Rejected("callbackUrl host " + host + " does not resolve");
        }
        boolean allLoopback = true;
        for (InetAddress address : addresses) {
            String refusal = refusal(address);
            if (refusal != null) {
                return new Rejected("callbackUrl host " + host + " resolves to " + refusal + " address "
                        + address.getHostAddress() + "; webhooks go to public addresses only");
            }
            allLoopback &= address.isLoopbackAddress();
        }
        if (scheme.equals("http") && !(allowLoopback && allLoopback)) {
            return new Rejected("callbackUrl must be an https:// URL");
        }
        return new Accepted(uri, addresses);
    }

    /** Why the address is refused ("a private" …), or null when it is allowed. */
    private String refusal(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return allowLoopback ? null : "a loopback";
        }
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            Inet4Address embedded = embeddedIpv4(b);
            if (embedded != null) {
                return embedded.isLoopbackAddress() ? (allowLoopback ? null : "a loopback") : refusal4(embedded);
            }
            if (v6.isAnyLocalAddress()) {
                return "an unspecified";
            }
            if (v6.isLinkLocalAddress()) {
                return "a link-local";
            }
            if (v6.isSiteLocalAddress() || (b[0] & 0xFE) == 0xFC) {
                return "a private";
            }
            if (v6.isMulticastAddress()) {
                return "a multicast";
            }
            return null;
        }
        return refusal4((Inet4Address) address);
    }

    private static String refusal4(Inet4Address address) {
        byte[] b = address.getAddress();
        int first = b[0] & 0xFF;
        int second = b[1] & 0xFF;
        if (first == 169 && second == 254) {
            return (b[2] & 0xFF) == 169 && (b[3] & 0xFF) == 254 ? "the cloud metadata" : "a link-local";
        }
        if (address.isLoopbackAddress()) {
            return "a loopback";
        }
        if (first == 10 || (first == 172 && (second & 0xF0) == 16) || (first == 192 && second == 168)) {
            return "a private";
        }
        if (first == 100 && (second & 0xC0) == 64) {
            return "a carrier-grade NAT";
        }
        if (first == 0) {
            return "an unspecified";
        }
        if (first == 198 && (second & 0xFE) == 18) {
            return "a benchmarking";
        }
        if (first >= 224) {
            return first < 240 ? "a multicast" : "a reserved";
        }
        if (first == 192 && second == 0 && (b[2] & 0xFF) == 0) {
            return "a reserved";
        }
        return null;
    }

    /** The IPv4 address inside a mapped, compatible, 6to4 or NAT64 IPv6 address; null otherwise. */
    private static Inet4Address embeddedIpv4(byte[] b) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= b[i] == 0;
        }
        try {
            if (zeroPrefix && ((b[10] == (byte) 0xFF && b[11] == (byte) 0xFF) || (b[10] == 0 && b[11] == 0))) {
                if (b[10] == 0 && b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] & 0xFE) == 0) {
                    return null;
                }
                return (Inet4Address) InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
            }
            if (b[0] == 0x20 && b[1] == 0x02) {
                return (Inet4Address) InetAddress.getByAddress(new byte[] {b[2], b[3], b[4], b[5]});
            }
            boolean nat64 = b[0] == 0x00 && b[1] == 0x64 && b[2] == (byte) 0xFF && b[3] == (byte) 0x9B;
            for (int i = 4; nat64 && i < 12; i++) {
                nat64 = b[i] == 0;
            }
            if (nat64) {
                return (Inet4Address) InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
        return null;
    }
}
