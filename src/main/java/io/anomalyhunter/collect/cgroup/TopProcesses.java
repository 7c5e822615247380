package io.anomalyhunter.collect.cgroup;

import io.anomalyhunter.collect.host.OpenFiles;
import io.anomalyhunter.collect.host.ProcFacts;
import io.anomalyhunter.pipeline.ProcessSnapshots;
import io.anomalyhunter.pipeline.ProcessUsage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The busiest processes now: every process read twice {@link #WINDOW_MS} apart (CPU and IO are rates), with the
 * container, service or cgroup it runs in, and the files it holds open against its limit. Costs a few milliseconds
 * per hundred processes; it is only taken when an anomaly opens.
 */
public final class TopProcesses implements ProcessSnapshots {
    static final long WINDOW_MS = 500;
    /** How many of the heaviest by memory, memory growth, writes and open files join the busiest by CPU. */
    static final int OTHER_ORDERS = 3;
    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux
    private final Path proc;
    private final ContainerDirectory names;
    private static final long PAGE_SIZE = 4096;

    private final Supplier<Set<Long>> observers;

    public TopProcesses(Path proc, ContainerDirectory names) {
        this(proc, names, Set::of);
    }

    /**
     * {@code observers}: processes left out of every snapshot, the daemon itself and its model worker. They are the
     * observer: the snapshot's own reading of /proc, the store's writes, the start's reads would otherwise name
     * the daemon as the busiest by CPU or disk when a fault opened an anomaly (it did, by hand, for a package
     * installed before a crash loop). Its own cost is on /metrics.
     */
    public TopProcesses(Path proc, ContainerDirectory names, Supplier<Set<Long>> observers) {
        this.proc = proc;
        this.names = names;
        this.observers = observers;
    }

    /** This process and every process it started, for {@link #TopProcesses(Path, ContainerDirectory, Supplier)}. */
    public static Set<Long> selfAndDescendants() {
        Set<Long> out = new HashSet<>();
        out.add(ProcessHandle.current().pid());
        ProcessHandle.current().descendants().forEach(h -> out.add(h.pid()));
        return out;
    }

    private record Reading(String name, long ticks, long rssPages, long readBytes, long writeBytes) {
    }

    @Override
    public List<ProcessUsage> top(int n) {
        Map<Integer, Reading> first = readAll();
        long t0 = System.nanoTime();
        try {
            Thread.sleep(WINDOW_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        Map<Integer, Reading> second = readAll();
        double seconds = (System.nanoTime() - t0) / 1e9;
        Set<Long> left = observers.get();
        List<ProcessUsage> all = new ArrayList<>();
        for (Map.Entry<Integer, Reading> e : second.entrySet()) {
            Reading a = first.get(e.getKey());
            Reading b = e.getValue();
            if (a == null || left.contains((long) e.getKey())) {
                continue; // started inside the window, or the observer
            }
            double cpu = 100.0 * (b.ticks() - a.ticks()) / TICKS_PER_SECOND / seconds;
            double read = a.readBytes() < 0 || b.readBytes() < 0 ? -1 : (b.readBytes() - a.readBytes()) / seconds;
            double write = a.writeBytes() < 0 || b.writeBytes() < 0 ? -1 : (b.writeBytes() - a.writeBytes()) / seconds;
            OpenFiles.Held files = OpenFiles.of(proc.resolve(Integer.toString(e.getKey())));
            double growth = (b.rssPages() - a.rssPages()) * PAGE_SIZE / seconds;
            all.add(new ProcessUsage(e.getKey(), b.name(), "", Math.max(0, cpu), b.rssPages() * PAGE_SIZE, read, write, "",
                    files.open(), files.limit(), growth));
        }
        List<ProcessUsage> out = new ArrayList<>();
        for (ProcessUsage u : busiest(all, n)) {
            // what a writer is writing: where a disk fills, the path to clean up (only writers: a few readlinks each)
            Optional<OpenFiles.Written> written = u.ioWriteBytesPerSecond() > 0
                    ? OpenFiles.largestWritten(proc.resolve(Integer.toString(u.pid()))) : Optional.empty();
            out.add(new ProcessUsage(u.pid(), u.name(), commandLine(u.pid()), u.cpuPercent(), u.rssBytes(),
                    u.ioReadBytesPerSecond(), u.ioWriteBytesPerSecond(), owner(u.pid()), u.openFiles(), u.openFilesLimit(),
                    u.rssGrowthBytesPerSecond(), written.map(OpenFiles.Written::path).orElse(""),
                    written.map(OpenFiles.Written::bytes).orElse(-1L)));
        }
        return out;
    }

    /**
     * The {@code n} busiest by CPU, then the few heaviest by memory, fastest growing in memory, by disk writes and by
     * share of their open-file limit that are not among them: a process leaking memory or descriptors is often idle
     * on the CPU.
     */
    static List<ProcessUsage> busiest(List<ProcessUsage> all, int n) {
        java.util.LinkedHashMap<Integer, ProcessUsage> chosen = new java.util.LinkedHashMap<>();
        List<Comparator<ProcessUsage>> orders = List.of(
                Comparator.comparingDouble(ProcessUsage::cpuPercent).reversed()
                        .thenComparing(Comparator.comparingLong(ProcessUsage::rssBytes).reversed()),
                Comparator.comparingLong(ProcessUsage::rssBytes).reversed(),
                Comparator.comparingDouble(ProcessUsage::rssGrowthBytesPerSecond).reversed(),
                Comparator.comparingDouble(ProcessUsage::ioWriteBytesPerSecond).reversed(),
                Comparator.comparingDouble(TopProcesses::openFilesShare).reversed());
        for (int i = 0; i < orders.size(); i++) {
            List<ProcessUsage> sorted = all.stream().sorted(orders.get(i).thenComparingInt(ProcessUsage::pid)).toList();
            int take = i == 0 ? n : OTHER_ORDERS;
            sorted.subList(0, Math.min(take, sorted.size())).forEach(u -> chosen.putIfAbsent(u.pid(), u));
        }
        return List.copyOf(chosen.values());
    }

    private static double openFilesShare(ProcessUsage u) {
        return new OpenFiles.Held(u.openFiles(), u.openFilesLimit()).share();
    }

    private Map<Integer, Reading> readAll() {
        Map<Integer, Reading> out = new HashMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path d : dirs) {
                read(d).ifPresent(r -> out.put(Integer.parseInt(d.getFileName().toString()), r));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot list " + proc, e);
        }
        return out;
    }

    private static Optional<Reading> read(Path dir) {
        Optional<ProcFacts.Stat> stat;
        try {
            stat = ProcFacts.stat(Files.readString(dir.resolve("stat"), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return Optional.empty(); // gone
        }
        if (stat.isEmpty()) {
            return Optional.empty();
        }
        long rb = -1;
        long wb = -1;
        try {
            for (String line : Files.readAllLines(dir.resolve("io"))) {
                if (line.startsWith("read_bytes: ")) {
                    rb = Long.parseLong(line.substring(12).strip());
                } else if (line.startsWith("write_bytes: ")) {
                    wb = Long.parseLong(line.substring(13).strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // another user's process without root: no IO figures
        }
        ProcFacts.Stat s = stat.get();
        return Optional.of(new Reading(s.comm(), s.cpuTicks(), s.rssPages(), rb, wb));
    }

    private String commandLine(int pid) {
        try {
            return ProcFacts.commandLine(Files.readAllBytes(proc.resolve(pid + "/cmdline")), 200);
        } catch (IOException e) {
            return "";
        }
    }

    /** "container=web", "service=nginx.service", "cgroup=/batch", or "host". */
    String owner(int pid) {
        String text;
        try {
            text = Files.readString(proc.resolve(pid + "/cgroup"));
        } catch (IOException e) {
            return "host";
        }
        return ownerOf(text, names);
    }

    /**
     * The service or hand-made cgroup this daemon runs in, as its series are labelled ({name, value}); empty on a
     * host where it runs in no such group (started by hand in a login session, or in a container).
     */
    public static Optional<Map.Entry<String, String>> ownGroup(Path proc) {
        String owner;
        try {
            owner = ownerOf(Files.readString(proc.resolve("self/cgroup")), ContainerDirectory.NONE);
        } catch (IOException e) {
            return Optional.empty();
        }
        int eq = owner.indexOf('=');
        if (eq < 0 || owner.startsWith("container=")) {
            return Optional.empty();
        }
        return Optional.of(Map.entry(owner.substring(0, eq), owner.substring(eq + 1)));
    }

    /** The owner from /proc/PID/cgroup's text: the v2 line where it places the process, else the v1 memory or cpuacct line. */
    static String ownerOf(String procCgroup, ContainerDirectory names) {
        String v2 = null;
        String v1 = null;
        for (String line : procCgroup.split("\n")) {
            String[] f = line.split(":", 3);
            if (f.length < 3) {
                continue;
            }
            if (f[0].equals("0") && f[1].isEmpty() && !f[2].equals("/")) {
                v2 = f[2];
            } else if (f[1].contains("memory") || f[1].contains("cpuacct")) {
                v1 = v1 == null || v1.equals("/") ? f[2] : v1;
            }
        }
        String path = v2 != null ? v2 : v1;
        if (path == null) {
            return "host";
        }
        return EntityDiscovery.owning(path).map(e -> {
            List<String> labels = EntityLabels.of(e, e.kind() == CgroupEntity.Kind.CONTAINER ? names.find(e.runtime(), e.id())
                    : Optional.empty());
            return labels.get(0) + "=" + labels.get(1);
        }).orElse("host");
    }
}
