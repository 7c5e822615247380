package io.anomalyhunter.traffic;

import java.net.InetAddress;
import java.util.List;

/** The host's own addresses on an interface, to tell outbound from inbound traffic (a short linear scan). */
public final class LocalAddresses {
    public static final LocalAddresses NONE = new LocalAddresses(List.of());

    private final long[] hi;
    private final long[] lo;

    public LocalAddresses(List<InetAddress> addresses) {
        hi = new long[addresses.size()];
        lo = new long[addresses.size()];
        for (int i = 0; i < addresses.size(); i++) {
            byte[] b = addresses.get(i).getAddress();
            if (b.length == 4) {
                lo[i] = PacketInfo.ipv4(((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF));
            } else {
                hi[i] = java.nio.ByteBuffer.wrap(b, 0, 8).getLong();
                lo[i] = java.nio.ByteBuffer.wrap(b, 8, 8).getLong();
            }
        }
    }

    boolean contains(long h, long l) {
        for (int i = 0; i < lo.length; i++) {
            if (lo[i] == l && hi[i] == h) {
                return true;
            }
        }
        return false;
    }
}
