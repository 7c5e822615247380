package io.anomalyhunter.collect.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The interface of the default route, from the kernel's routing tables (IPv4 first, then IPv6). */
public final class DefaultRoute {
    private DefaultRoute() {
    }

    public static Optional<String> interfaceName() {
        return interfaceName(Path.of("/proc/net/route"), Path.of("/proc/net/ipv6_route"));
    }

    static Optional<String> interfaceName(Path ipv4Routes, Path ipv6Routes) {
        // /proc/net/route: Iface Destination Gateway Flags ... Mask ...; the default route has destination and mask 0.
        for (String line : lines(ipv4Routes)) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 8 && f[1].equals("00000000") && f[7].equals("00000000") && !f[0].equals("Iface")) {
                return Optional.of(f[0]);
            }
        }
        // /proc/net/ipv6_route: destination (32 hex), prefix length, ..., interface last.
        for (String line : lines(ipv6Routes)) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 10 && f[0].chars().allMatch(c -> c == '0') && f[1].equals("00") && !f[9].equals("lo")) {
                return Optional.of(f[9]);
            }
        }
        return Optional.empty();
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            return List.of();
        }
    }
}
