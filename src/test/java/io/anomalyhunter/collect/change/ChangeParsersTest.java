package io.anomalyhunter.collect.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.change.Change;
import io.anomalyhunter.change.ChangeKind;
import io.anomalyhunter.collect.host.ProcFacts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ChangeParsersTest {
    @Test
    void dpkgLogLines() {
        Change up = DpkgLog.parse("2026-12-02 01:02:03 upgrade libsystemd0:amd64 252.36-1~deb12u1 252.38-1~deb12u1",
                ZoneOffset.UTC).orElseThrow();
        assertEquals(Instant.parse("2026-12-02T01:02:03Z"), up.time());
        assertEquals(ChangeKind.PACKAGE, up.kind());
        assertEquals("libsystemd0", up.subject());
        assertEquals("upgraded 252.36-1~deb12u1 -> 252.38-1~deb12u1", up.summary());
        assertEquals("installed 1.0", DpkgLog.parse("2026-12-02 01:02:03 install ah-tiny:all <none> 1.0", ZoneOffset.UTC)
                .orElseThrow().summary());
        assertEquals("removed 1.0", DpkgLog.parse("2026-12-02 01:02:04 remove ah-tiny:all 1.0 <none>", ZoneOffset.UTC)
                .orElseThrow().summary());
        assertEquals(Optional.empty(), DpkgLog.parse("2026-12-02 01:02:03 status installed ah-tiny:all 1.0", ZoneOffset.UTC));
        assertEquals(Optional.empty(), DpkgLog.parse("2025-06-24 14:36:25 startup archives unpack", ZoneOffset.UTC));
        assertEquals(Optional.empty(), DpkgLog.parse("garbage install x y z", ZoneOffset.UTC));
    }

    @Test
    void listeningSockets() {
        String tcp = """
                  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
                   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0
                   1: 0100007F:1F90 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 4343 1 0000000000000000 20 4 30 10 -1
                """;
        assertEquals(List.of(new ListeningSockets.Socket("tcp", "127.0.0.1", 8080, 4242)), ListeningSockets.parse(tcp, "tcp"),
                "the established connection (01) is not a listener");
        String tcp6 = "   0: 00000000000000000000000001000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 "
                + "00:00000000 00000000     0        0 77 1 0000000000000000 100 0 0 10 0\n";
        ListeningSockets.Socket ssh = ListeningSockets.parse(tcp6, "tcp").get(0);
        assertEquals("::1", ssh.address().replace("0:0:0:0:0:0:0:1", "::1"));
        assertEquals("tcp [" + ssh.address() + "]:22", ssh.text());
        assertEquals(List.of(), ListeningSockets.parse("   0: 0100007F 00000000:0000 0A x x x 0 0 1\n", "tcp"), "a cut line");
    }

    @Test
    void processFacts() {
        ProcFacts.Stat s = ProcFacts.stat("1234 (my (odd) name) S 1 1234 1234 0 -1 4194560 100 0 0 0 5 3 0 0 20 0 1 0 98765 "
                + "1000 100 18446744073709551615").orElseThrow();
        assertEquals(new ProcFacts.Stat("my (odd) name", 1, 8, 98765, 100), s);
        assertEquals(1000, ProcFacts.uid("Name:\tx\nUid:\t1000\t1000\t1000\t1000\n"));
        assertEquals("nc -l -p 8080", ProcFacts.commandLine("nc\0-l\0-p\08080\0".getBytes(StandardCharsets.ISO_8859_1), 300));
        assertEquals("abc...", ProcFacts.commandLine("abcdef".getBytes(StandardCharsets.ISO_8859_1), 3));
        assertEquals(Map.of(0, "root", 1000, "ops"), ProcFacts.users("root:x:0:0::/root:/bin/sh\nops:x:1000:1000::/home/ops:/bin/sh\nbad\n"));
    }

    @Test
    void interfaceDiffs() {
        var before = Map.of("eth0", new InterfaceWatch.State(true, new TreeSet<>(List.of("10.0.0.5/24"))),
                "veth1", new InterfaceWatch.State(true, new TreeSet<>()));
        var after = Map.of("eth0", new InterfaceWatch.State(false, new TreeSet<>(List.of("10.0.0.6/24"))),
                "wg0", new InterfaceWatch.State(true, new TreeSet<>()));
        List<String> said = InterfaceWatch.diff(before, after, Instant.EPOCH).stream().map(c -> c.subject() + ": " + c.summary())
                .sorted().toList();
        assertEquals(List.of("eth0: addresses [10.0.0.5/24] -> [10.0.0.6/24]", "eth0: down", "veth1: removed",
                "wg0: added, up, []"), said);
        assertTrue(InterfaceWatch.diff(before, before, Instant.EPOCH).isEmpty());
    }
}
