package io.anomalyhunter.collect.cgroup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CgroupFilesTest {
    @Test
    void singleNumbersAndNoLimit() {
        assertEquals(73400320, CgroupFiles.single("73400320\n"));
        assertEquals(CgroupStats.UNKNOWN, CgroupFiles.single("max\n"), "v2 prints no limit as max");
        assertEquals(CgroupStats.UNKNOWN, CgroupFiles.single("9223372036854771712\n"), "v1 prints no limit as the largest page-aligned long");
        assertEquals(536870912, CgroupFiles.single("536870912"));
    }

    @Test
    void keyedFiles() {
        var v2 = CgroupFiles.keyed("usage_usec 5123456\nuser_usec 1\nnr_periods 120\nnr_throttled 30\n");
        assertEquals(5123456L, v2.get("usage_usec"));
        assertEquals(30L, v2.get("nr_throttled"));
        var v1oom = CgroupFiles.keyed("oom_kill_disable 0\nunder_oom 0\noom_kill 3\n");
        assertEquals(3L, v1oom.get("oom_kill"));
    }

    @Test
    void v2IoSumsDevicesAndIgnoresNewKeys() {
        CgroupFiles.Io io = CgroupFiles.v2Io("8:0 rbytes=4096 wbytes=8192 rios=10 wios=20 dbytes=5 dios=1\n"
                + "253:0 rbytes=1000 wbytes=2000 rios=1 wios=2 dbytes=0 dios=0\n");
        assertEquals(new CgroupFiles.Io(5096, 10192, 11, 22), io);
        assertEquals(new CgroupFiles.Io(0, 0, 0, 0), CgroupFiles.v2Io(""), "no IO yet: an empty file");
    }

    @Test
    void v1BlkioSumsReadAndWriteOverDevices() {
        String text = "8:0 Read 4096\n8:0 Write 8192\n8:0 Sync 12288\n8:0 Async 0\n8:0 Discard 0\n8:0 Total 12288\n"
                + "8:16 Read 100\n8:16 Write 0\nTotal 12388\n";
        assertArrayEquals(new long[] {4196, 8192}, CgroupFiles.v1Blkio(text));
    }

    @Test
    void malformedContentNamesTheLine() {
        var e = assertThrows(MalformedCgroupFileException.class, () -> CgroupFiles.keyed("oom 0\noom_kill many\n"));
        assertTrue(e.getMessage().contains("oom_kill many"), e.getMessage());
        var io = assertThrows(MalformedCgroupFileException.class, () -> CgroupFiles.v2Io("8:0 rbytes\n"));
        assertTrue(io.getMessage().contains("rbytes"), io.getMessage());
        assertThrows(MalformedCgroupFileException.class, () -> CgroupFiles.single("lots\n"));
    }
}
