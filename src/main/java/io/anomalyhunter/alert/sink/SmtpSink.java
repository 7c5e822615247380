package io.anomalyhunter.alert.sink;

import io.anomalyhunter.config.AlertsConfig;
import io.anomalyhunter.queue.Outcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * Mail through the site's relay: a small SMTP client (EHLO, optional STARTTLS and AUTH PLAIN, one message).
 * A 4xx reply is temporary (retry), a 5xx reply permanent (dead letter with the server's words).
 */
public final class SmtpSink implements AlertSink {
    private final AlertsConfig.Smtp config;
    private final TlsClient tls;

    public SmtpSink(AlertsConfig.Smtp config) {
        this.config = config;
        this.tls = new TlsClient(config.tls());
    }

    /** An SMTP reply that was not the one expected. */
    static final class ReplyException extends Exception {
        final int code;

        ReplyException(int code, String text) {
            super(text);
            this.code = code;
        }
    }

    @Override
    public Outcome deliver(Alert alert) throws IOException {
        int timeout = (int) config.timeout().toMillis();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(config.host(), config.port()), timeout);
            plain.setSoTimeout(timeout);
            Session s = new Session(plain);
            s.expect(220);
            s.command("EHLO " + alert.host(), 250);
            if (config.starttls()) {
                s.command("STARTTLS", 220);
                s = new Session(tls.wrap(plain, config.host(), config.port()));
                s.command("EHLO " + alert.host(), 250);
            }
            if (config.username().isPresent()) {
                String token = Base64.getEncoder().encodeToString(("\0" + config.username().get() + "\0"
                        + config.password().orElse("")).getBytes(StandardCharsets.UTF_8));
                s.command("AUTH PLAIN " + token, 235);
            }
            s.command("MAIL FROM:<" + config.from() + ">", 250);
            for (String to : config.to()) {
                s.command("RCPT TO:<" + to + ">", 250);
            }
            s.command("DATA", 354);
            s.command(message(alert) + "\r\n.", 250);
            s.send("QUIT");
            return Outcome.done();
        } catch (ReplyException e) {
            String why = "SMTP " + config.host() + ":" + config.port() + " answered " + e.getMessage();
            return e.code >= 500 ? new Outcome.Reject(why) : new Outcome.Retry(why);
        }
    }

    /** Headers and body, with dot-stuffing; lines end in CRLF. */
    String message(Alert alert) {
        StringBuilder m = new StringBuilder();
        m.append("From: ").append(config.from()).append("\r\n");
        m.append("To: ").append(String.join(", ", config.to())).append("\r\n");
        m.append("Subject: ").append(encodeHeader("anomaly-hunter " + alert.summary())).append("\r\n");
        m.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n");
        m.append("Message-ID: <").append(alert.id().replaceAll("[^A-Za-z0-9.:-]", "-")).append("@")
                .append(alert.host().isEmpty() ? "anomaly-hunter" : alert.host()).append(">\r\n");
        m.append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
        String body = alert.summary() + "\n\nHost: " + alert.host() + "\nStarted: " + alert.start()
                + (alert.end() == null ? "" : "\nEnded: " + alert.end()) + "\nRules: " + String.join(", ", alert.rules())
                + "\n\nAnomalies:\n" + String.join("\n", alert.anomalies()) + "\n\nAlert id: " + alert.id() + "\n";
        for (String line : body.split("\n", -1)) {
            m.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
        }
        return m.substring(0, m.length() - 2);
    }

    static String encodeHeader(String text) {
        boolean ascii = text.chars().allMatch(c -> c >= 32 && c < 127);
        return ascii ? text : "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    /** Line-based command/reply exchange on one socket. */
    private static final class Session {
        private final BufferedReader in;
        private final OutputStream out;

        Session(Socket socket) throws IOException {
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            this.out = socket.getOutputStream();
        }

        void send(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        void command(String line, int expected) throws IOException, ReplyException {
            send(line);
            expect(expected);
        }

        /** Reads a (possibly multi-line) reply; anything but {@code expected} is a ReplyException. */
        void expect(int expected) throws IOException, ReplyException {
            String line;
            StringBuilder text = new StringBuilder();
            do {
                line = in.readLine();
                if (line == null || line.length() < 3) {
                    throw new IOException("connection closed or bad reply: " + line);
                }
                text.append(text.length() == 0 ? "" : " ").append(line);
            } while (line.length() > 3 && line.charAt(3) == '-');
            int code;
            try {
                code = Integer.parseInt(line.substring(0, 3));
            } catch (NumberFormatException e) {
                throw new IOException("not an SMTP reply: " + line);
            }
            if (code != expected && !(expected == 250 && code == 251)) {
                throw new ReplyException(code, text.toString());
            }
        }
    }
}
