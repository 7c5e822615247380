package io.anomalyhunter.collect.cgroup;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the entities in a cgroup hierarchy, looking only where runtimes and systemd put them, so a poll
 * lists a handful of directories, not the whole tree:
 * <ul>
 * <li>Docker: {@code /docker/<id>} (cgroupfs driver) or {@code /system.slice/docker-<id>.scope} (systemd driver);
 * <li>Podman: {@code /machine.slice/libpod-<id>.scope} (systemd) or {@code /libpod_parent/libpod-<id>} (cgroupfs);
 * <li>systemd services: {@code /system.slice/**.service}, through nested slices ({@code system-getty.slice});
 * <li>any other top-level cgroup that is not a systemd slice, scope or mount: made by hand or by a batch tool.
 * </ul>
 * Pure: the hierarchy comes in as a children function.
 */
final class EntityDiscovery {
    private static final Pattern DOCKER_SCOPE = Pattern.compile("docker-([0-9a-f]{64})\\.scope");
    private static final Pattern PODMAN = Pattern.compile("libpod-([0-9a-f]{64})(\\.scope)?");
    private static final Pattern CONTAINER_ID = Pattern.compile("[0-9a-f]{64}");
    private static final int MAX_SLICE_DEPTH = 3;

    private EntityDiscovery() {
    }

    /** Entities found, at most {@code limit} (containers first, then services, then other cgroups). */
    static List<CgroupEntity> discover(Function<String, List<String>> children, int limit) {
        List<CgroupEntity> containers = new ArrayList<>();
        List<CgroupEntity> services = new ArrayList<>();
        List<CgroupEntity> others = new ArrayList<>();
        for (String top : children.apply("/")) {
            String path = "/" + top;
            switch (top) {
                case "docker" -> {
                    for (String c : children.apply(path)) {
                        if (CONTAINER_ID.matcher(c).matches()) {
                            containers.add(new CgroupEntity(CgroupEntity.Kind.CONTAINER, c, "docker", path + "/" + c));
                        }
                    }
                }
                case "machine.slice", "libpod_parent" -> podman(children, path, containers);
                case "system.slice" -> systemSlice(children, path, 0, containers, services);
                default -> {
                    if (isHandMade(top)) {
                        others.add(new CgroupEntity(CgroupEntity.Kind.CGROUP, path, "", path));
                    }
                }
            }
        }
        List<CgroupEntity> all = new ArrayList<>(containers);
        all.addAll(services);
        all.addAll(others);
        return all.size() <= limit ? all : all.subList(0, limit);
    }

    private static void podman(Function<String, List<String>> children, String parent, List<CgroupEntity> out) {
        for (String c : children.apply(parent)) {
            Matcher m = PODMAN.matcher(c);
            if (m.matches()) {
                out.add(new CgroupEntity(CgroupEntity.Kind.CONTAINER, m.group(1), "podman", parent + "/" + c));
            }
        }
    }

    private static void systemSlice(Function<String, List<String>> children, String slice, int depth,
                                    List<CgroupEntity> containers, List<CgroupEntity> services) {
        for (String c : children.apply(slice)) {
            String path = slice + "/" + c;
            Matcher docker = DOCKER_SCOPE.matcher(c);
            if (docker.matches()) {
                containers.add(new CgroupEntity(CgroupEntity.Kind.CONTAINER, docker.group(1), "docker", path));
            } else if (c.endsWith(".service")) {
                services.add(new CgroupEntity(CgroupEntity.Kind.SERVICE, c, "", path));
            } else if (c.endsWith(".slice") && depth < MAX_SLICE_DEPTH) {
                systemSlice(children, path, depth + 1, containers, services);
            }
        }
    }

    /** The entity a cgroup path (from /proc/PID/cgroup) belongs to: the same rules as discovery, read from one path. */
    static java.util.Optional<CgroupEntity> owning(String path) {
        String[] seg = path.split("/");
        for (int i = 1; i < seg.length; i++) {
            String s = seg[i];
            String upTo = String.join("/", java.util.Arrays.copyOfRange(seg, 0, i + 1));
            Matcher docker = DOCKER_SCOPE.matcher(s);
            Matcher podman = PODMAN.matcher(s);
            if (docker.matches()) {
                return java.util.Optional.of(new CgroupEntity(CgroupEntity.Kind.CONTAINER, docker.group(1), "docker", upTo));
            }
            if (i == 2 && seg[1].equals("docker") && CONTAINER_ID.matcher(s).matches()) {
                return java.util.Optional.of(new CgroupEntity(CgroupEntity.Kind.CONTAINER, s, "docker", upTo));
            }
            if (podman.matches()) {
                return java.util.Optional.of(new CgroupEntity(CgroupEntity.Kind.CONTAINER, podman.group(1), "podman", upTo));
            }
            if (s.endsWith(".service") && seg[1].equals("system.slice")) {
                return java.util.Optional.of(new CgroupEntity(CgroupEntity.Kind.SERVICE, s, "", upTo));
            }
        }
        if (seg.length > 1 && isHandMade(seg[1])) {
            return java.util.Optional.of(new CgroupEntity(CgroupEntity.Kind.CGROUP, "/" + seg[1], "", "/" + seg[1]));
        }
        return java.util.Optional.empty();
    }

    /** Not a systemd unit (slice, scope, mount, swap, socket) and not a runtime's parent. */
    private static boolean isHandMade(String name) {
        int dot = name.lastIndexOf('.');
        String suffix = dot < 0 ? "" : name.substring(dot + 1);
        return switch (suffix) {
            case "slice", "scope", "mount", "swap", "socket", "service", "automount", "device", "target" -> false;
            default -> !name.equals("kubepods") && !name.equals("lxc.payload") && !name.equals("lxc.monitor");
        };
    }
}
