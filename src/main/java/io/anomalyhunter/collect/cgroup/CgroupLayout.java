package io.anomalyhunter.collect.cgroup;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the cgroup hierarchies are mounted, from /proc/self/mountinfo: the unified (v2) hierarchy and
 * each v1 controller's. A v1 mount may carry several controllers ("cpu,cpuacct"). Cgroup paths are taken
 * relative to the mounted directory: inside a container that is the container's own cgroup, and what is
 * below it is all we can see anyway.
 */
record CgroupLayout(Optional<Path> unified, Map<String, Path> v1) {

    private static final Set<String> CONTROLLERS = Set.of("cpu", "cpuacct", "cpuset", "memory", "blkio",
            "pids", "devices", "freezer", "net_cls", "net_prio", "perf_event", "hugetlb", "rdma", "misc");

    CgroupLayout {
        v1 = Map.copyOf(v1);
    }

    static CgroupLayout parse(String mountinfo) {
        Path unified = null;
        Map<String, Path> v1 = new HashMap<>();
        for (String line : mountinfo.split("\n")) {
            String[] f = line.split(" ");
            int dash = indexOf(f, "-");
            if (dash < 6 || dash + 3 > f.length) {
                continue;
            }
            String type = f[dash + 1];
            Path m = Path.of(unescape(f[4]));
            if (type.equals("cgroup2")) {
                unified = unified == null ? m : unified; // the first one: later ones are bind mounts of it
            } else if (type.equals("cgroup")) {
                for (String option : f[dash + 3].split(",")) {
                    if (CONTROLLERS.contains(option)) { // not mount options ("xattr") nor names ("name=systemd")
                        v1.putIfAbsent(option, m);
                    }
                }
            }
        }
        return new CgroupLayout(Optional.ofNullable(unified), v1);
    }

    private static int indexOf(String[] f, String s) {
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals(s)) {
                return i;
            }
        }
        return -1;
    }

    /** mountinfo writes space, tab, newline and backslash as octal escapes ("\040"). */
    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && isOctal(s, i + 1)) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }
}
