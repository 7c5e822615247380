package io.anomalyhunter.alert.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.config.AlertsConfig;
import io.anomalyhunter.queue.Outcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.InstantSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Syslog over TLS and SMTP with STARTTLS against real TLS peers on loopback, with certificates made by openssl
 * from a test CA: a certificate for another host is refused (nothing reaches the peer), one naming the address we
 * dial is accepted, and turning hostname checks off accepts the wrong one.
 */
class TlsDeliveryTest {
    private static final AlertsConfig.RateLimit UNLIMITED = new AlertsConfig.RateLimit(1000, Duration.ofSeconds(1));
    private static final Alert ALERT = new Alert("a1", Alert.State.FIRING, AlertsConfig.Severity.WARNING, List.of("all"),
            "d", "host1", 7, "cpu on host1", Instant.parse("2026-12-01T00:00:00Z"), null, 0.9, List.of("cpu"), List.of("cpu high"));

    @TempDir
    static Path dir;
    static Path ca;
    static SSLContext otherHost;
    static SSLContext loopback;

    @BeforeAll
    static void certificates() throws Exception {
        ca = dir.resolve("ca.pem");
        openssl("req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=test-ca");
        otherHost = server("other", "DNS:other.example");
        loopback = server("loop", "IP:127.0.0.1,DNS:localhost");
    }

    private static SSLContext server(String name, String san) throws Exception {
        openssl("req -newkey rsa:2048 -nodes -keyout " + name + ".key -out " + name + ".csr -subj /CN=" + name);
        Files.writeString(dir.resolve(name + ".ext"), "subjectAltName=" + san + "\n");
        openssl("x509 -req -in " + name + ".csr -CA ca.pem -CAkey ca.key -CAcreateserial -out " + name + ".pem -days 2 "
                + "-extfile " + name + ".ext");
        openssl("pkcs12 -export -in " + name + ".pem -inkey " + name + ".key -out " + name + ".p12 -passout pass:test");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(name + ".p12"))) {
            ks.load(in, "test".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "test".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    private static void openssl(String args) throws Exception {
        Process p = new ProcessBuilder(("openssl " + args).split(" ")).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "openssl " + args + ": " + out);
    }

    private static AlertsConfig.Tls tls(boolean verify) {
        return new AlertsConfig.Tls(verify, Optional.of(ca));
    }

    @Test
    void syslogOverTlsChecksTheCertificatesHostName() throws Exception {
        try (TlsSyslogPeer wrong = new TlsSyslogPeer(otherHost); TlsSyslogPeer right = new TlsSyslogPeer(loopback)) {
            SSLException e = assertThrows(SSLException.class, () -> syslog(wrong.port(), tls(true)).deliver(ALERT));
            assertTrue(e.getMessage().contains("TLS with 127.0.0.1:" + wrong.port() + " refused")
                    && e.getMessage().contains("the certificate must name '127.0.0.1'"), e.getMessage());
            assertEquals(Outcome.done(), syslog(right.port(), tls(true)).deliver(ALERT));
            assertEquals(Outcome.done(), syslog(wrong.port(), tls(false)).deliver(ALERT), "checks turned off");
            right.await(1);
            wrong.await(1);
            assertEquals(1, right.frames.size());
            assertEquals(1, wrong.frames.size(), "only the delivery with checks off reached the wrong host");
            assertTrue(right.frames.get(0).contains("cpu on host1") || right.frames.get(0).contains("a1"), right.frames.get(0));
        }
    }

    @Test
    void smtpStartTlsChecksTheCertificatesHostName() throws Exception {
        try (StartTlsPeer wrong = new StartTlsPeer(otherHost); StartTlsPeer right = new StartTlsPeer(loopback)) {
            SSLException e = assertThrows(SSLException.class, () -> smtp(wrong.port(), tls(true)).deliver(ALERT));
            assertTrue(e.getMessage().contains("the certificate must name '127.0.0.1'"), e.getMessage());
            assertEquals(Outcome.done(), smtp(right.port(), tls(true)).deliver(ALERT));
            assertEquals(Outcome.done(), smtp(wrong.port(), tls(false)).deliver(ALERT), "checks turned off");
            assertEquals(1, right.messages.size());
            assertEquals(1, wrong.messages.size(), "no mail went to the wrong host while checks were on");
        }
    }

    @Test
    void withoutTheCaFileTheJdksCasDoNotTrustTheTestCa() throws Exception {
        try (TlsSyslogPeer right = new TlsSyslogPeer(loopback)) {
            SSLException e = assertThrows(SSLException.class,
                    () -> syslog(right.port(), AlertsConfig.Tls.DEFAULT).deliver(ALERT));
            assertTrue(e.getMessage().contains("refused"), e.getMessage());
        }
    }

    private static SyslogSink syslog(int port, AlertsConfig.Tls tls) {
        return new SyslogSink(new AlertsConfig.Syslog("s", UNLIMITED, "127.0.0.1", port, AlertsConfig.Syslog.Transport.TLS,
                "anomaly-hunter", Duration.ofSeconds(5), tls), InstantSource.system());
    }

    private static SmtpSink smtp(int port, AlertsConfig.Tls tls) {
        return new SmtpSink(new AlertsConfig.Smtp("m", UNLIMITED, "127.0.0.1", port, true, Optional.empty(), Optional.empty(),
                "ah@site", List.of("ops@site"), Duration.ofSeconds(5), tls));
    }

    /** A TLS syslog receiver: each connection's bytes are one entry. */
    private static final class TlsSyslogPeer implements AutoCloseable {
        final List<String> frames = new CopyOnWriteArrayList<>();
        private final SSLServerSocket server;

        TlsSyslogPeer(SSLContext ctx) throws IOException {
            server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        byte[] got = s.getInputStream().readAllBytes();
                        if (got.length > 0) {
                            frames.add(new String(got, StandardCharsets.UTF_8));
                        }
                    } catch (IOException e) {
                        // a refused handshake ends that connection; keep accepting
                    }
                }
            }, "tls-syslog-peer");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        void await(int n) throws InterruptedException {
            for (int i = 0; i < 50 && frames.size() < n; i++) {
                Thread.sleep(100);
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /** An SMTP relay that offers STARTTLS and takes one message per connection. */
    private static final class StartTlsPeer implements AutoCloseable {
        final List<String> messages = new CopyOnWriteArrayList<>();
        private final ServerSocket server;
        private final SSLContext ctx;

        StartTlsPeer(SSLContext ctx) throws IOException {
            this.ctx = ctx;
            server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        serve(s);
                    } catch (IOException e) {
                        // a refused handshake ends that session
                    }
                }
            }, "starttls-peer");
            t.setDaemon(true);
            t.start();
        }

        private void serve(Socket plain) throws IOException {
            Session s = new Session(plain);
            s.send("220 peer ready");
            s.read();
            s.send("250-peer\r\n250 STARTTLS");
            if (!s.read().equals("STARTTLS")) {
                return;
            }
            s.send("220 go ahead");
            SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(plain, "127.0.0.1", plain.getPort(), true);
            tls.setUseClientMode(false);
            tls.startHandshake();
            s = new Session(tls);
            StringBuilder data = null;
            for (String line = s.read(); line != null; line = s.read()) {
                if (data != null) {
                    if (line.equals(".")) {
                        messages.add(data.toString());
                        data = null;
                        s.send("250 queued");
                    } else {
                        data.append(line).append('\n');
                    }
                } else if (line.startsWith("DATA")) {
                    data = new StringBuilder();
                    s.send("354 go");
                } else if (line.startsWith("QUIT")) {
                    s.send("221 bye");
                    return;
                } else {
                    s.send("250 ok");
                }
            }
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }

        private static final class Session {
            private final BufferedReader in;
            private final OutputStream out;

            Session(Socket s) throws IOException {
                in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                out = s.getOutputStream();
            }

            String read() throws IOException {
                return in.readLine();
            }

            void send(String line) throws IOException {
                out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
    }
}
