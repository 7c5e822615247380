package io.anomalyhunter.collect.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CgroupLayoutTest {
    /** These CI machines: v1 controllers each on their own, the bare v2 hierarchy at unified. */
    private static final String HYBRID = """
            30 24 0:26 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755
            31 30 0:27 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:10 - cgroup2 cgroup2 rw,nsdelegate
            32 30 0:28 / /sys/fs/cgroup/systemd rw,nosuid,nodev,noexec,relatime shared:11 - cgroup cgroup rw,xattr,name=systemd
            35 30 0:31 / /sys/fs/cgroup/cpu rw,nosuid,nodev,noexec,relatime shared:15 - cgroup cgroup rw,cpu
            36 30 0:32 / /sys/fs/cgroup/cpuacct rw,nosuid,nodev,noexec,relatime shared:16 - cgroup cgroup rw,cpuacct
            37 30 0:33 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:17 - cgroup cgroup rw,memory
            """;
    /** Debian 12: one v2 hierarchy. */
    private static final String UNIFIED = """
            25 30 0:22 / /sys ro,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw
            29 25 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot
            """;

    @Test
    void hybridHostReadsV1Controllers() {
        CgroupLayout l = CgroupLayout.parse(HYBRID);
        assertEquals(Optional.of(Path.of("/sys/fs/cgroup/unified")), l.unified());
        assertEquals(Path.of("/sys/fs/cgroup/cpuacct"), l.v1().get("cpuacct"));
        assertEquals(Path.of("/sys/fs/cgroup/memory"), l.v1().get("memory"));
        assertEquals(java.util.Set.of("cpu", "cpuacct", "memory"), l.v1().keySet(),
                "mount options (rw, xattr) and named hierarchies (name=systemd) are not controllers");
    }

    @Test
    void unifiedHost() {
        CgroupLayout l = CgroupLayout.parse(UNIFIED);
        assertEquals(Optional.of(Path.of("/sys/fs/cgroup")), l.unified());
        assertTrue(l.v1().isEmpty());
    }

    @Test
    void coMountedControllersAndEscapedMountPoints() {
        CgroupLayout l = CgroupLayout.parse(
                "40 30 0:35 / /sys/fs/cgroup/cpu,cpuacct rw,relatime shared:20 - cgroup cgroup rw,cpu,cpuacct\n"
                        + "41 30 0:36 / /mnt/my\\040cgroups rw,relatime - cgroup cgroup rw,memory\n");
        assertEquals(Path.of("/sys/fs/cgroup/cpu,cpuacct"), l.v1().get("cpu"));
        assertEquals(Path.of("/sys/fs/cgroup/cpu,cpuacct"), l.v1().get("cpuacct"));
        assertEquals(Path.of("/mnt/my cgroups"), l.v1().get("memory"));
    }
}
