package io.anomalyhunter.http;

import io.anomalyhunter.config.AppConfig;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names and addresses a client may put in {@code Host}: localhost and the loopback addresses, the listening
 * address, every local interface address when listening on all of them, this host's name, and
 * http.allowed_hosts. Read from the kernel, never from DNS (an isolated host may have none, and a lookup could hang).
 */
final class HostNames {
    private HostNames() {
    }

    static Set<String> of(AppConfig.Http http) {
        Set<String> names = new TreeSet<>(Set.of("localhost", "127.0.0.1", "::1"));
        String listen = RequestRules.hostName(http.host());
        names.add(listen);
        if (listen.equals("0.0.0.0") || listen.equals("::")) {
            names.addAll(interfaceAddresses());
        }
        hostName().ifPresent(h -> {
            names.add(h);
            names.add(h.split("\\.")[0]);
        });
        http.allowedHosts().forEach(h -> names.add(RequestRules.hostName(h)));
        return names;
    }

    private static java.util.Optional<String> hostName() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip().toLowerCase(Locale.ROOT);
            return h.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(h);
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static Set<String> interfaceAddresses() {
        Set<String> out = new TreeSet<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    String text = a.getHostAddress();
                    // Drop an IPv6 zone ("%eth0"): browsers do not send it in Host.
                    out.add(RequestRules.hostName(a instanceof Inet6Address && text.contains("%")
                            ? text.substring(0, text.indexOf('%')) : text));
                }
            }
        } catch (SocketException e) {
            // only the configured names then
        }
        return out;
    }
}
