package io.anomalyhunter.alert.sink;

import io.anomalyhunter.config.AlertsConfig;
import io.anomalyhunter.queue.Outcome;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * RFC 5424 messages over UDP, or over TCP/TLS framed by octet counting (RFC 6587 3.4.1). One connection
 * per alert: alerts are rare, and a fresh connection never sends into a half-dead one.
 */
public final class SyslogSink implements AlertSink {
    /** The enterprise number RFC 5612 reserves for documentation; SD-ID of our structured data. */
    static final String SD_ID = "anomalyhunter@32473";
    private static final int FACILITY_DAEMON = 3;

    private final AlertsConfig.Syslog config;
    private final TlsClient tls;
    private final InstantSource clock;

    public SyslogSink(AlertsConfig.Syslog config, InstantSource clock) {
        this.config = config;
        this.tls = new TlsClient(config.tls());
        this.clock = clock;
    }

    @Override
    public Outcome deliver(Alert alert) throws IOException {
        byte[] frame = format(alert, config.appName(), clock.instant()).getBytes(StandardCharsets.UTF_8);
        int timeout = (int) config.timeout().toMillis();
        InetSocketAddress to = new InetSocketAddress(config.host(), config.port());
        if (config.transport() == AlertsConfig.Syslog.Transport.UDP) {
            try (DatagramSocket s = new DatagramSocket()) {
                s.send(new DatagramPacket(frame, frame.length, to));
            }
            return Outcome.done();
        }
        try (Socket plain = new Socket()) {
            plain.connect(to, timeout);
            plain.setSoTimeout(timeout);
            Socket s = config.transport() == AlertsConfig.Syslog.Transport.TLS
                    ? tls.wrap(plain, config.host(), config.port())
                    : plain;
            OutputStream out = s.getOutputStream();
            out.write((frame.length + " ").getBytes(StandardCharsets.US_ASCII));
            out.write(frame);
            out.flush();
            s.shutdownOutput();
        }
        return Outcome.done();
    }

    /** The RFC 5424 message: PRI VERSION TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [SD] MSG. */
    static String format(Alert alert, String appName, Instant now) {
        int severity = alert.state() == Alert.State.RESOLVED ? 5 : switch (alert.severity()) {
            case CRITICAL -> 2;
            case WARNING -> 4;
            case INFO -> 6;
        };
        String time = DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.MILLIS));
        String sd = "[" + SD_ID + " id=\"" + escape(alert.id()) + "\" incident=\"" + alert.incidentId() + "\" state=\""
                + alert.state().name().toLowerCase() + "\" severity=\"" + alert.severity().name().toLowerCase() + "\"]";
        return "<" + (FACILITY_DAEMON * 8 + severity) + ">1 " + time + " " + token(alert.host()) + " " + token(appName)
                + " " + ProcessHandle.current().pid() + " " + alert.state().name() + " " + sd + " " + alert.summary();
    }

    /** PARAM-VALUE escapes: backslash, double quote and closing bracket. */
    static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("]", "\\]");
    }

    /** Header fields are printable ASCII without spaces; "-" when empty. */
    static String token(String v) {
        String t = v == null ? "" : v.replaceAll("[^!-~]", "");
        return t.isEmpty() ? "-" : t.length() > 48 ? t.substring(0, 48) : t;
    }
}
