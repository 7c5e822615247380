package io.anomalyhunter.alert;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A syslog receiver on loopback: UDP datagrams and TCP with RFC 6587 octet counting. Every frame is
 * parsed as RFC 5424; one that does not parse is kept in {@link #invalid}.
 */
final class SyslogPeer implements AutoCloseable {
    /** HEADER fields, structured data and message of an RFC 5424 frame. */
    record Frame(int pri, Instant time, String host, String app, String procId, String msgId, String sd, String msg) {
    }

    static final Pattern RFC5424 = Pattern.compile("<(\\d{1,3})>1 (\\S+) (\\S{1,255}) (\\S{1,48}) (\\S{1,128}) (\\S{1,32}) "
            + "((?:\\[[^ =\\]\"]+(?: [^ =\\]\"]+=\"(?:[^\"\\\\\\]]|\\\\.)*\")*\\])+|-)(?: (.*))?", Pattern.DOTALL);

    final List<Frame> frames = new CopyOnWriteArrayList<>();
    final List<String> invalid = new CopyOnWriteArrayList<>();
    final DatagramSocket udp;
    final ServerSocket tcp;

    SyslogPeer() throws IOException {
        udp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        tcp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread u = new Thread(this::readUdp, "syslog-peer-udp");
        u.setDaemon(true);
        u.start();
        Thread t = new Thread(this::acceptTcp, "syslog-peer-tcp");
        t.setDaemon(true);
        t.start();
    }

    private void readUdp() {
        byte[] buf = new byte[65536];
        while (!udp.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                udp.receive(p);
                parse(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void acceptTcp() {
        while (!tcp.isClosed()) {
            try (Socket s = tcp.accept(); DataInputStream in = new DataInputStream(s.getInputStream())) {
                while (true) {
                    StringBuilder len = new StringBuilder();
                    int c;
                    while ((c = in.read()) != ' ') {
                        if (c < 0) {
                            break;
                        }
                        if (c < '0' || c > '9') {
                            invalid.add("octet count has '" + (char) c + "'");
                        }
                        len.append((char) c);
                    }
                    if (c < 0) {
                        break;
                    }
                    byte[] frame = new byte[Integer.parseInt(len.toString())];
                    in.readFully(frame);
                    parse(new String(frame, StandardCharsets.UTF_8));
                }
            } catch (IOException | RuntimeException e) {
                if (!tcp.isClosed()) {
                    invalid.add("tcp: " + e);
                }
            }
        }
    }

    private void parse(String text) {
        Matcher m = RFC5424.matcher(text);
        try {
            if (!m.matches()) {
                throw new IllegalArgumentException("not RFC 5424");
            }
            int pri = Integer.parseInt(m.group(1));
            if (pri > 191) {
                throw new IllegalArgumentException("PRI " + pri + " out of range");
            }
            frames.add(new Frame(pri, Instant.parse(m.group(2)), m.group(3), m.group(4), m.group(5), m.group(6),
                    m.group(7), m.group(8)));
        } catch (RuntimeException e) {
            invalid.add(e.getMessage() + ": " + text);
        }
    }

    @Override
    public void close() throws IOException {
        udp.close();
        tcp.close();
    }
}
