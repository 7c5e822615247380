package io.anomalyhunter.collect.change;

import io.anomalyhunter.change.Change;
import io.anomalyhunter.change.ChangeKind;
import io.anomalyhunter.collect.host.ProcFacts;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Processes started and exited, by comparing /proc between polls. Sampled: a process that starts and exits
 * between two polls is never seen. A process is its pid and start time, so a reused pid is a new process.
 * Kernel threads are left out. At most {@link #MAX_PER_POLL} starts and exits are told per poll; beyond that
 * one change says how many more there were (a fork storm is one line, not thousands).
 */
final class ProcessWatch implements HostWatch {
    static final int MAX_PER_POLL = 100;
    private static final int KTHREADD = 2;
    private final Path proc;
    private final Path passwd;
    private Map<Integer, String> users = Map.of();
    /** /etc/passwd is read again for an unknown uid at most once a poll (a fork storm of one uid is one read). */
    private boolean usersReadThisPoll;
    private Map<Long, Info> known;

    record Info(int pid, String name, String user, String commandLine) {
    }

    ProcessWatch(Path proc, Path passwd) {
        this.proc = proc;
        this.passwd = passwd;
    }

    @Override
    public String name() {
        return "processes";
    }

    @Override
    public List<Change> poll(Instant now) {
        usersReadThisPoll = false;
        Map<Long, Info> previous = known;
        Map<Long, Info> current = new HashMap<>();
        List<Change> out = new ArrayList<>();
        int started = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, p -> isPid(p.getFileName().toString()))) {
            for (Path dir : dirs) {
                int pid = Integer.parseInt(dir.getFileName().toString());
                Optional<ProcFacts.Stat> stat = read(dir.resolve("stat")).flatMap(ProcFacts::stat);
                if (stat.isEmpty() || pid == KTHREADD || stat.get().ppid() == KTHREADD) {
                    continue; // gone already, or a kernel thread
                }
                long key = ((long) pid << 32) ^ stat.get().startTicks();
                Info info = previous == null ? null : previous.get(key);
                if (info == null) {
                    info = describe(dir, pid, stat.get().comm());
                    if (previous != null && ++started <= MAX_PER_POLL) {
                        out.add(change(now, info, "started"));
                    }
                }
                current.put(key, info);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot list " + proc, e);
        }
        int exited = 0;
        if (previous != null) {
            for (Map.Entry<Long, Info> e : previous.entrySet()) {
                if (!current.containsKey(e.getKey()) && ++exited <= MAX_PER_POLL) {
                    out.add(change(now, e.getValue(), "exited"));
                }
            }
        }
        more(out, now, started, "started");
        more(out, now, exited, "exited");
        known = current;
        return out;
    }

    private static void more(List<Change> out, Instant now, int count, String what) {
        if (count > MAX_PER_POLL) {
            out.add(new Change(now, ChangeKind.PROCESS, "(many)", (count - MAX_PER_POLL) + " more processes " + what
                    + " since the last poll", Map.of("count", Integer.toString(count - MAX_PER_POLL)), "procfs"));
        }
    }

    private Change change(Instant now, Info p, String what) {
        return new Change(now, ChangeKind.PROCESS, p.name(), what + ": pid " + p.pid() + " (" + p.user() + ") "
                + p.commandLine(), Map.of("action", what, "pid", Integer.toString(p.pid()), "user", p.user(),
                "command_line", p.commandLine()), "procfs");
    }

    private Info describe(Path dir, int pid, String comm) {
        int uid = read(dir.resolve("status")).map(ProcFacts::uid).orElse(-1);
        String user = userName(uid);
        String cmd;
        try {
            cmd = ProcFacts.commandLine(Files.readAllBytes(dir.resolve("cmdline")), 300);
        } catch (IOException e) {
            cmd = "";
        }
        return new Info(pid, comm, user, cmd.isEmpty() ? "[" + comm + "]" : cmd);
    }

    private String userName(int uid) {
        if (uid < 0) {
            return "?";
        }
        if (!users.containsKey(uid) && !usersReadThisPoll) {
            users = read(passwd).map(ProcFacts::users).orElse(Map.of()); // a user added since: read again
            usersReadThisPoll = true;
        }
        return users.getOrDefault(uid, Integer.toString(uid));
    }

    private static Optional<String> read(Path p) {
        try {
            return Optional.of(Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean isPid(String name) {
        if (name.isEmpty() || name.length() > 9) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
