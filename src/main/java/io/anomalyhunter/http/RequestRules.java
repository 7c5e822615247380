package io.anomalyhunter.http;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which requests the appliance refuses before any endpoint sees them, with no login needed:
 * <ul>
 *   <li>a {@code Host} that is not one of our names or addresses (a DNS-rebinding page uses its own name);</li>
 *   <li>a state-changing request from another origin (a web page the operator visits posting to us), or one a
 *       browser could send cross-site without asking first: it must carry JSON or the {@code X-Requested-By}
 *       header, both of which make a browser ask (CORS preflight), and we never say yes.</li>
 * </ul>
 * Pure: the caller passes the headers in.
 */
public final class RequestRules {
    /** The header our CLI sends; any value will do, it only has to be there. */
    public static final String REQUESTED_BY = "X-Requested-By";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final Set<String> hostNames;

    /** @param hostNames lower-case names and addresses (IPv6 without brackets) we answer to */
    public RequestRules(Set<String> hostNames) {
        this.hostNames = Set.copyOf(hostNames);
    }

    /** Why the request is refused, or empty when it may go on. */
    public Optional<String> refusal(String method, String host, String origin, String contentType, boolean requestedBy) {
        if (host != null && !hostNames.contains(hostName(host))) {
            return Optional.of("Host '" + shorten(host) + "' is not a name of this appliance (add it to http.allowed_hosts)");
        }
        if (SAFE_METHODS.contains(method)) {
            return Optional.empty();
        }
        if (origin != null && !sameOrigin(origin, host)) {
            return Optional.of("a " + method + " from origin '" + shorten(origin) + "' is refused: only this appliance's "
                    + "own pages may change things");
        }
        boolean json = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/json");
        if (!json && !requestedBy) {
            return Optional.of("a " + method + " needs Content-Type: application/json or an " + REQUESTED_BY + " header");
        }
        return Optional.empty();
    }

    /**
     * The name part of a Host header: lower case, without port, brackets or a trailing dot; an address literal in
     * one spelling (so "[0:0::1]" is "::1").
     */
    static String hostName(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            h = end < 0 ? h : h.substring(1, end);
        } else {
            int colon = h.indexOf(':');
            if (colon >= 0 && h.indexOf(':', colon + 1) < 0) {
                h = h.substring(0, colon);
            }
        }
        h = h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
        InetAddress literal = NetUtil.createInetAddressFromIpAddressString(h);
        return literal == null ? h : NetUtil.toAddressString(literal);
    }

    /** An Origin is ours when its host and port are the ones the request was sent to. */
    private static boolean sameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI o = new URI(origin.strip());
            if (o.getHost() == null || !("http".equals(o.getScheme()) || "https".equals(o.getScheme()))) {
                return false;
            }
            int port = o.getPort() >= 0 ? o.getPort() : "https".equals(o.getScheme()) ? 443 : 80;
            URI h = new URI("http://" + host.strip());
            int hostPort = h.getPort() >= 0 ? h.getPort() : port;
            return hostName(o.getHost()).equals(hostName(host)) && port == hostPort;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String shorten(String s) {
        String clean = s.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > 80 ? clean.substring(0, 80) + "…" : clean;
    }
}
