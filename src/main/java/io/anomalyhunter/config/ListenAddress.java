package io.anomalyhunter.config;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * What is wrong with http.host as an address to listen on, so that check-config refuses what run could not bind
 * (and says why) instead of run failing later with a boot error.
 */
public final class ListenAddress {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern NAME = Pattern.compile("(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    private static final long RESOLVE_SECONDS = 2;

    private ListenAddress() {
    }

    /** Syntax only: an IPv4 or IPv6 address, or a host name (no scheme, port or path). */
    public static Optional<String> syntaxProblem(String host) {
        String h = host.strip();
        if (h.isEmpty()) {
            return Optional.of("must name an address to listen on, e.g. 127.0.0.1");
        }
        if (IPV4.matcher(h).matches()) {
            for (String part : h.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return Optional.of("'" + h + "' is not an IPv4 address (each part is 0 to 255)");
                }
            }
            return Optional.empty();
        }
        if (h.contains(":")) {
            return h.matches("[0-9A-Fa-f:.]+") && h.indexOf(":::") < 0 ? Optional.empty()
                    : Optional.of("'" + h + "' is not an address (write 127.0.0.1, ::1 or a host name, without port or scheme)");
        }
        return NAME.matcher(h).matches() && !h.matches("[0-9.]+") ? Optional.empty()
                : Optional.of("'" + h + "' is not an address or host name (write 127.0.0.1, 0.0.0.0 or a host name)");
    }

    /**
     * Syntax, then whether this host has the address (or the name resolves, within two seconds, to one it has):
     * listening on another machine's address fails at start.
     */
    public static Optional<String> problem(String host) {
        Optional<String> syntax = syntaxProblem(host);
        if (syntax.isPresent()) {
            return syntax;
        }
        String h = host.strip();
        InetAddress address;
        try {
            address = CompletableFuture.supplyAsync(() -> {
                try {
                    return InetAddress.getByName(h);
                } catch (UnknownHostException e) {
                    return null;
                }
            }).get(RESOLVE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return Optional.of("'" + h + "' did not resolve within " + RESOLVE_SECONDS + " s; use an address");
        } catch (InterruptedException | ExecutionException e) {
            return Optional.of("'" + h + "' cannot be resolved: " + e.getMessage());
        }
        if (address == null) {
            return Optional.of("'" + h + "' is not a known host name (not in /etc/hosts or DNS)");
        }
        try {
            if (address.isAnyLocalAddress() || address.isLoopbackAddress()
                    || NetworkInterface.getByInetAddress(address) != null) {
                return Optional.empty();
            }
        } catch (SocketException e) {
            return Optional.empty(); // cannot tell; the bind will say
        }
        return Optional.of("'" + h + "' (" + address.getHostAddress() + ") is not an address of this host; "
                + "listen on one of its own, or 0.0.0.0 for all");
    }
}
