package io.anomalyhunter.collect.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntityDiscoveryTest {
    private static final String A = "0123456789abcdef".repeat(4);
    private static final String B = "fedcba9876543210".repeat(4);

    private static List<CgroupEntity> discover(Map<String, List<String>> tree, int limit) {
        return EntityDiscovery.discover(p -> tree.getOrDefault(p, List.of()), limit);
    }

    @Test
    void systemdHostWithDockerAndPodman() {
        Map<String, List<String>> tree = Map.of(
                "/", List.of("init.scope", "system.slice", "user.slice", "machine.slice", "dev-hugepages.mount", "batch"),
                "/system.slice", List.of("nginx.service", "docker-" + A + ".scope", "system-getty.slice", "docker.socket"),
                "/system.slice/system-getty.slice", List.of("getty@tty1.service"),
                "/machine.slice", List.of("libpod-" + B + ".scope", "libpod-conmon-" + B + ".scope"),
                "/user.slice", List.of("user-1000.slice"));
        assertEquals(List.of(
                new CgroupEntity(CgroupEntity.Kind.CONTAINER, A, "docker", "/system.slice/docker-" + A + ".scope"),
                new CgroupEntity(CgroupEntity.Kind.CONTAINER, B, "podman", "/machine.slice/libpod-" + B + ".scope"),
                new CgroupEntity(CgroupEntity.Kind.SERVICE, "nginx.service", "", "/system.slice/nginx.service"),
                new CgroupEntity(CgroupEntity.Kind.SERVICE, "getty@tty1.service", "", "/system.slice/system-getty.slice/getty@tty1.service"),
                new CgroupEntity(CgroupEntity.Kind.CGROUP, "/batch", "", "/batch")), discover(tree, 100));
    }

    @Test
    void cgroupfsDriversWithoutSystemd() {
        Map<String, List<String>> tree = Map.of(
                "/", List.of("docker", "libpod_parent", "process_api"),
                "/docker", List.of(A, "not-a-container"),
                "/libpod_parent", List.of("libpod-" + B));
        assertEquals(List.of(
                new CgroupEntity(CgroupEntity.Kind.CONTAINER, A, "docker", "/docker/" + A),
                new CgroupEntity(CgroupEntity.Kind.CONTAINER, B, "podman", "/libpod_parent/libpod-" + B),
                new CgroupEntity(CgroupEntity.Kind.CGROUP, "/process_api", "", "/process_api")), discover(tree, 100));
    }

    @Test
    void theLimitKeepsContainersFirst() {
        Map<String, List<String>> tree = Map.of("/", List.of("batch", "system.slice", "docker"),
                "/docker", List.of(A), "/system.slice", List.of("a.service", "b.service"));
        List<CgroupEntity> two = discover(tree, 2);
        assertEquals(List.of(CgroupEntity.Kind.CONTAINER, CgroupEntity.Kind.SERVICE), two.stream().map(CgroupEntity::kind).toList());
    }
}
