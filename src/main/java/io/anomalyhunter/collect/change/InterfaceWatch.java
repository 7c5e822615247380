package io.anomalyhunter.collect.change;

import io.anomalyhunter.change.Change;
import io.anomalyhunter.change.ChangeKind;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Network interfaces added, removed, up or down, and their addresses changed. */
final class InterfaceWatch implements HostWatch {
    private Map<String, State> known;

    record State(boolean up, TreeSet<String> addresses) {
    }

    @Override
    public String name() {
        return "interfaces";
    }

    @Override
    public List<Change> poll(Instant now) {
        Map<String, State> current = read();
        Map<String, State> previous = known;
        known = current;
        return previous == null ? List.of() : diff(previous, current, now);
    }

    static List<Change> diff(Map<String, State> before, Map<String, State> after, Instant now) {
        List<Change> out = new ArrayList<>();
        for (Map.Entry<String, State> e : after.entrySet()) {
            State was = before.get(e.getKey());
            State is = e.getValue();
            if (was == null) {
                out.add(change(now, e.getKey(), "added, " + (is.up() ? "up" : "down") + ", " + is.addresses(), is));
                continue;
            }
            if (was.up() != is.up()) {
                out.add(change(now, e.getKey(), is.up() ? "up" : "down", is));
            }
            if (!was.addresses().equals(is.addresses())) {
                out.add(change(now, e.getKey(), "addresses " + was.addresses() + " -> " + is.addresses(), is));
            }
        }
        for (String name : before.keySet()) {
            if (!after.containsKey(name)) {
                out.add(change(now, name, "removed", before.get(name)));
            }
        }
        return out;
    }

    private static Change change(Instant now, String name, String summary, State s) {
        return new Change(now, ChangeKind.INTERFACE, name, summary, Map.of("up", Boolean.toString(s.up()), "addresses",
                String.join(" ", s.addresses())), "netlink");
    }

    private static Map<String, State> read() {
        Map<String, State> out = new HashMap<>();
        try {
            for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                TreeSet<String> addresses = new TreeSet<>();
                for (InterfaceAddress a : n.getInterfaceAddresses()) {
                    addresses.add(a.getAddress().getHostAddress().replaceAll("%.*$", "") + "/" + a.getNetworkPrefixLength());
                }
                out.put(n.getName(), new State(n.isUp(), addresses));
            }
        } catch (SocketException e) {
            throw new IllegalStateException("cannot list network interfaces: " + e.getMessage(), e);
        }
        return out;
    }
}
