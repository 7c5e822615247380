package io.anomalyhunter.collect.change;

import io.anomalyhunter.change.Change;
import io.anomalyhunter.change.ChangeKind;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Listening sockets opened and closed (TCP listeners, bound UDP sockets), with the process that holds one.
 * Finding the process walks /proc/PID/fd, so it is done only for sockets that are new since the last poll.
 */
final class SocketWatch implements HostWatch {
    private final Path proc;
    private Map<String, Held> known;

    private record Held(ListeningSockets.Socket socket, String process, int pid) {
    }

    SocketWatch(Path proc) {
        this.proc = proc;
    }

    @Override
    public String name() {
        return "sockets";
    }

    @Override
    public List<Change> poll(Instant now) {
        Map<String, ListeningSockets.Socket> current = new HashMap<>();
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            String protocol = table.startsWith("tcp") ? "tcp" : "udp";
            try {
                String text = Files.readString(proc.resolve("net").resolve(table));
                for (ListeningSockets.Socket s : ListeningSockets.parse(text, protocol)) {
                    current.putIfAbsent(s.text(), s);
                }
            } catch (IOException e) {
                // no IPv6, or no such table: nothing listens there
            }
        }
        Map<String, Held> previous = known;
        Map<String, Held> next = new HashMap<>();
        List<Change> out = new ArrayList<>();
        Set<Long> unowned = new HashSet<>();
        for (Map.Entry<String, ListeningSockets.Socket> e : current.entrySet()) {
            Held before = previous == null ? null : previous.get(e.getKey());
            if (before == null && previous != null) {
                unowned.add(e.getValue().inode());
            }
        }
        Map<Long, int[]> owners = unowned.isEmpty() ? Map.of() : owners(unowned);
        for (Map.Entry<String, ListeningSockets.Socket> e : current.entrySet()) {
            Held before = previous == null ? null : previous.get(e.getKey());
            if (before != null) {
                next.put(e.getKey(), before);
                continue;
            }
            int[] owner = owners.get(e.getValue().inode());
            int pid = owner == null ? -1 : owner[0];
            Held h = new Held(e.getValue(), pid < 0 ? "" : comm(pid), pid);
            next.put(e.getKey(), h);
            if (previous != null) {
                out.add(change(now, h, "opened"));
            }
        }
        if (previous != null) {
            for (Map.Entry<String, Held> e : previous.entrySet()) {
                if (!current.containsKey(e.getKey())) {
                    out.add(change(now, e.getValue(), "closed"));
                }
            }
        }
        known = next;
        return out;
    }

    private static Change change(Instant now, Held h, String what) {
        ListeningSockets.Socket s = h.socket();
        Map<String, String> details = new HashMap<>(Map.of("action", what, "protocol", s.protocol(), "address", s.address(),
                "port", Integer.toString(s.port())));
        String by = "";
        if (h.pid() >= 0) {
            details.put("pid", Integer.toString(h.pid()));
            details.put("process", h.process());
            by = " by " + h.process() + " (pid " + h.pid() + ")";
        }
        String verb = s.protocol().equals("tcp") ? (what.equals("opened") ? "listening" : "no longer listening")
                : (what.equals("opened") ? "bound" : "unbound");
        return new Change(now, ChangeKind.SOCKET, s.protocol() + "/" + s.port(), verb + " on " + s.text() + by, details,
                "procfs");
    }

    /** Socket inode to {pid} for the given inodes, by reading every process's fd links. */
    private Map<Long, int[]> owners(Set<Long> inodes) {
        Map<Long, int[]> out = new HashMap<>();
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path pidDir : pids) {
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(pidDir.resolve("fd"))) {
                    for (Path fd : fds) {
                        String target = Files.readSymbolicLink(fd).toString();
                        if (target.startsWith("socket:[")) {
                            long inode = Long.parseLong(target.substring(8, target.length() - 1));
                            if (inodes.contains(inode)) {
                                out.putIfAbsent(inode, new int[] {Integer.parseInt(pidDir.getFileName().toString())});
                            }
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // the process exited, or is not ours to read
                }
                if (out.size() == inodes.size()) {
                    break;
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    private String comm(int pid) {
        try {
            return Files.readString(proc.resolve(pid + "/comm")).strip();
        } catch (IOException e) {
            return "?";
        }
    }
}
