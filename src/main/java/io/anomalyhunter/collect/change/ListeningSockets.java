package io.anomalyhunter.collect.change;

import java.util.ArrayList;
import java.util.List;

/**
 * Listening TCP sockets and bound UDP sockets from /proc/net/{tcp,tcp6,udp,udp6}. Pure. Lines that do not
 * parse are skipped (the kernel's format has not changed in decades, but a truncated read can cut a line).
 */
final class ListeningSockets {
    private static final String TCP_LISTEN = "0A";
    private static final String UDP_UNCONNECTED = "07";

    private ListeningSockets() {
    }

    /** @param protocol "tcp" or "udp"; the address family comes from the address's length */
    record Socket(String protocol, String address, int port, long inode) {
        String text() {
            return protocol + " " + (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
        }
    }

    static List<Socket> parse(String table, String protocol) {
        String wanted = protocol.equals("tcp") ? TCP_LISTEN : UDP_UNCONNECTED;
        List<Socket> out = new ArrayList<>();
        for (String line : table.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 10 || !f[0].endsWith(":") || !f[3].equals(wanted)) {
                continue;
            }
            int colon = f[1].indexOf(':');
            if (colon < 0) {
                continue;
            }
            try {
                String address = address(f[1].substring(0, colon));
                int port = Integer.parseInt(f[1].substring(colon + 1), 16);
                out.add(new Socket(protocol, address, port, Long.parseLong(f[9])));
            } catch (IllegalArgumentException e) {
                // a line cut short: skipped
            }
        }
        return out;
    }

    /** The kernel prints addresses as 32-bit words in host (little-endian) order: 0100007F is 127.0.0.1. */
    static String address(String hex) {
        if (hex.length() == 8) {
            long v = Long.parseLong(hex, 16);
            return (v & 0xff) + "." + ((v >> 8) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 24) & 0xff);
        }
        if (hex.length() == 32) {
            byte[] b = new byte[16];
            for (int w = 0; w < 4; w++) {
                long v = Long.parseLong(hex.substring(w * 8, w * 8 + 8), 16);
                for (int i = 0; i < 4; i++) {
                    b[w * 4 + i] = (byte) (v >> (8 * i));
                }
            }
            try {
                return java.net.InetAddress.getByAddress(b).getHostAddress().replaceAll("%.*$", "");
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException(hex);
            }
        }
        throw new IllegalArgumentException("address '" + hex + "' is neither 8 nor 32 hex digits");
    }
}
