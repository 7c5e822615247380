package io.anomalyhunter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad configs through the real {@code check-config} (in this JVM, with libpcap's filter compiler and this host's
 * interfaces): each is refused with exit 2 within two seconds, naming the key or the line and column, with no stack
 * trace. The cases are the ones a probe found slipping through or failing badly, and the ones we could think of.
 */
class CheckConfigTableTest {
    private static final String HOOK = "alerts:\n  destinations:\n    - {name: h, type: webhook, url: \"http://127.0.0.1:9/x\"%s}\n";
    private static final String SMTP = "alerts:\n  destinations:\n    - {name: m, type: smtp, host: 127.0.0.1, from: a@b, to: [c@d]%s}\n";
    private static final String SYSLOG = "alerts:\n  destinations:\n    - {name: s, type: syslog, host: 127.0.0.1%s}\n";

    @TempDir
    static Path dir;

    static Stream<Arguments> badConfigs() {
        String nested = "a: " + "[".repeat(100) + "]".repeat(100) + "\n";
        StringBuilder bomb = new StringBuilder("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i == 0 ? "" : ",").append('*').append((char) (c - 1));
            }
            bomb.append("]\n");
        }
        String bigFilter = "host 10.0.0.1" + " or host 10.0.0.1".repeat(10_000);
        return Stream.of(
                Arguments.of("duplicate top key", "http:\n  port: 8081\nhttp:\n  port: 8082\n", "3:1: duplicate key 'http' (first at line 1)"),
                Arguments.of("duplicate nested key", "http:\n  port: 8081\n  port: 8082\n", "3:3: duplicate key 'port'"),
                Arguments.of("duplicate key in a destination", HOOK.formatted(", timeout: 5s, timeout: 6s"), "duplicate key 'timeout'"),
                Arguments.of("webhook secret as a list", HOOK.formatted(", secret: [KEY]"), "alerts.destinations[0].secret: must be a single value, not a list"),
                Arguments.of("webhook timeout as a list", HOOK.formatted(", timeout: [5s]"), "alerts.destinations[0].timeout: must be a single value"),
                Arguments.of("smtp starttls as a list", SMTP.formatted(", starttls: [true]"), "alerts.destinations[0].starttls: must be a single value"),
                Arguments.of("smtp password as a mapping", SMTP.formatted(", password: {a: b}"), "alerts.destinations[0].password: must be a single value, not a mapping"),
                Arguments.of("syslog port as a list", SYSLOG.formatted(", port: [514]"), "alerts.destinations[0].port: must be a single value"),
                Arguments.of("a name as a list", "alerts:\n  destinations:\n    - {name: [x], type: journal}\n", "alerts.destinations[0].name: must be a single value"),
                Arguments.of("rate limit beyond a long", HOOK.formatted(", rate_limit: 99999999999999999999/h"), "alerts.destinations[0].rate_limit:"),
                Arguments.of("rate limit as a bare number", HOOK.formatted(", rate_limit: 99999999999999999999"), "alerts.destinations[0].rate_limit:"),
                Arguments.of("retry initial above max", "alerts:\n  retry: {initial: 10m, max: 1m}\n", "alerts.retry.initial: 10m must not be longer than alerts.retry.max=1m"),
                Arguments.of("NUL in storage.path", "storage:\n  path: \"/tmp/a\\0b.db\"\n", "storage.path: contains a NUL character"),
                Arguments.of("http.host out of range", "http:\n  host: 999.1.1.1\n", "http.host: '999.1.1.1' is not an IPv4 address"),
                Arguments.of("http.host with a port", "http:\n  host: \"localhost:8080\"\n", "http.host: 'localhost:8080'"),
                Arguments.of("http.host as a URL", "http:\n  host: \"http://x\"\n", "http.host: 'http://x'"),
                Arguments.of("http.host with a space", "http:\n  host: a b\n", "http.host: 'a b' is not an address or host name"),
                Arguments.of("http.host of another machine", "http:\n  host: 192.0.2.77\n", "http.host: '192.0.2.77' (192.0.2.77) is not an address of this host"),
                Arguments.of("http.host unknown name", "http:\n  host: no-such-host.invalid\n", "http.host: 'no-such-host.invalid'"),
                Arguments.of("port beyond an int", "http:\n  port: 99999999999999999999\n", "http.port: '99999999999999999999' is not a whole number"),
                Arguments.of("port as a list", "http:\n  port: [8080]\n", "http.port: has the wrong shape"),
                Arguments.of("max connections too few", "http:\n  max_connections: 5\n", "http.max_connections: '5' is out of range"),
                Arguments.of("allowed host with a scheme", "http:\n  allowed_hosts: [\"http://x\"]\n", "http.allowed_hosts: 'http://x' is not a host name"),
                Arguments.of("section as a list", "detection: [1, 2]\n", "detection: has the wrong shape"),
                Arguments.of("label value as a list", "metrics:\n  - {name: host_cpu_percent, labels: {mode: [a]}, above: 1}\n", "metrics[0].labels: each label must be name: value"),
                Arguments.of("unknown key", "detection:\n  intervall: 10s\n", "unknown key 'detection.intervall'"),
                Arguments.of("top level a list", "- a\n- b\n", "1:1: the top level must be a mapping"),
                Arguments.of("unclosed quote", "http:\n  host: \"127.0.0.1\n", "malformed YAML"),
                Arguments.of("tab indentation", "http:\n\tport: 8080\n", "2:1: malformed YAML"),
                Arguments.of("nesting bomb", nested, "1:23: nested more than 20 levels deep"),
                Arguments.of("alias bomb", bomb.toString(), "more than 20 aliases"),
                Arguments.of("capture filter of 160 KB", "collectors:\n  network:\n    enabled: false\n    filter: \"" + bigFilter + "\"\n",
                        "collectors.network.filter: is 170013 characters; a capture filter may have at most 8192"),
                Arguments.of("capture filter that does not compile", "collectors:\n  network:\n    filter: \"tcp port\"\n",
                        "collectors.network.filter: 'tcp port' is not a valid capture filter"),
                Arguments.of("duration as a number", "detection:\n  interval: 10\n", "detection.interval: '10' is not a duration"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void badConfigIsRefusedQuicklyNamingWhere(String name, String yaml, String expected) throws Exception {
        Path file = dir.resolve(name.replaceAll("\\W+", "-") + ".yaml");
        Files.writeString(file, yaml);
        assertRefused(file, expected);
    }

    @Test
    void whatIsNotATextFileIsRefusedBeforeReadingIt() throws Exception {
        Path fifo = dir.resolve("fifo.yaml");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        assertRefused(fifo, "fifo.yaml: is a device, FIFO or socket, not a config file");
        assertRefused(Path.of("/dev/zero"), "/dev/zero: is a device, FIFO or socket, not a config file");
        assertRefused(dir, ": is a directory, not a config file");
        assertRefused(dir.resolve("absent.yaml"), "absent.yaml: no such file");
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, "# " + "x".repeat(10 << 20) + "\n");
        assertRefused(big, "big.yaml: is 10485763 bytes; a config file may have at most 1048576");
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, "http:\n  port: 8080\n  host: \"caf\u00e9\"\n".getBytes(StandardCharsets.ISO_8859_1));
        assertRefused(latin1, "latin1.yaml:3:13: byte 0xe9 is not UTF-8");
        Path nul = dir.resolve("nul.yaml");
        Files.writeString(nul, "http:\n  port: 80\0\n");
        assertRefused(nul, "nul.yaml:2:11: a NUL character");
    }

    private static void assertRefused(Path file, String expected) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream oldErr = System.err;
        PrintStream oldOut = System.out;
        int exit;
        long t0 = System.nanoTime();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = RootCommand.execute("check-config", file.toString());
        } finally {
            System.setErr(oldErr);
            System.setOut(oldOut);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String said = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(RootCommand.BAD_INPUT, exit, file + " exit; said:\n" + said);
        assertTrue(said.contains(expected), "expected '" + expected + "' in:\n" + said);
        assertFalse(said.contains("Exception") || said.contains("\tat "), "no stack trace:\n" + said);
        assertTrue(ms < 2000, file + " took " + ms + " ms");
    }
}
