package io.anomalyhunter.traffic;

/**
 * The header fields of one packet that the traffic analysis uses. Mutable and reused for every packet
 * on purpose: decoding runs at over a million packets a second and must not allocate per packet.
 * Addresses are two longs each: IPv4 as IPv4-mapped IPv6 (::ffff:a.b.c.d), IPv6 as is.
 */
public final class PacketInfo {
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int ICMP = 1;
    public static final int ICMPV6 = 58;
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    /** The frame's bytes (a reference to the reader's buffer, valid only while this packet is handled). */
    public byte[] data;
    public long timeMicros;
    public int wireLength;
    public long srcMac;
    public long dstMac;
    /** 0 when the frame had no IP (ARP and others). */
    public int ipVersion;
    public long srcHi;
    public long srcLo;
    public long dstHi;
    public long dstLo;
    public int protocol;
    public int srcPort;
    public int dstPort;
    public int tcpFlags;
    public int icmpType;
    /** A fragment of an IP packet; only the first fragment carries ports. */
    public boolean fragment;
    public boolean firstFragment;
    public int payloadOffset;
    public int payloadLength;
    /** UDP payload length from the UDP header (what was sent, not what was captured). */
    public int udpLength;
    /** Set by the analyzer: this packet started a new flow (nothing of it was seen in either direction before). */
    public boolean newFlow;
    /** Set by the analyzer: sent by the side whose packet started the flow (a response with no request seen). */
    public boolean fromFlowStarter;
    /** ARP: 1 request, 2 reply; 0 not ARP. */
    public int arpOp;
    public long arpSenderMac;
    public long arpSenderIp;
    public long arpTargetIp;
    /** DNS (UDP port 53): 0 not DNS, 1 query, 2 response. */
    public int dns;
    public int dnsRcode;
    public int dnsQtype;

    public void clear() {
        wireLength = 0;
        srcMac = dstMac = 0;
        ipVersion = 0;
        srcHi = srcLo = dstHi = dstLo = 0;
        protocol = srcPort = dstPort = tcpFlags = icmpType = 0;
        fragment = firstFragment = newFlow = fromFlowStarter = false;
        payloadOffset = payloadLength = udpLength = 0;
        arpOp = 0;
        arpSenderMac = arpSenderIp = arpTargetIp = 0;
        dns = dnsRcode = dnsQtype = 0;
    }

    public boolean has(int flag) {
        return (tcpFlags & flag) != 0;
    }

    /** A capture time in microseconds since the epoch as an instant. */
    public static java.time.Instant instant(long micros) {
        return java.time.Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L);
    }

    /** A readable address: dotted quad for IPv4, RFC 5952-ish hex groups for IPv6. */
    public static String address(long hi, long lo) {
        if (hi == 0 && (lo >>> 32) == 0xFFFFL) {
            return ((lo >>> 24) & 0xFF) + "." + ((lo >>> 16) & 0xFF) + "." + ((lo >>> 8) & 0xFF) + "." + (lo & 0xFF);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            long word = i < 4 ? hi >>> (48 - 16 * i) : lo >>> (48 - 16 * (i - 4));
            b.append(i == 0 ? "" : ":").append(Long.toHexString(word & 0xFFFF));
        }
        return b.toString().replaceFirst("(^|:)0(:0)+(:|$)", "::");
    }

    public static String mac(long mac) {
        StringBuilder b = new StringBuilder(17);
        for (int i = 5; i >= 0; i--) {
            long octet = (mac >>> (8 * i)) & 0xFF;
            b.append(octet < 16 ? "0" : "").append(Long.toHexString(octet)).append(i == 0 ? "" : ":");
        }
        return b.toString();
    }

    public static long ipv4(int a) {
        return 0xFFFF_0000_0000L | (a & 0xFFFF_FFFFL);
    }

    /** Multicast or broadcast destinations (IPv4 224/4 and 255.255.255.255, IPv6 ff00::/8). */
    public boolean dstIsGroup() {
        if (dstHi == 0 && (dstLo >>> 32) == 0xFFFFL) {
            long v4 = dstLo & 0xFFFF_FFFFL;
            return (v4 >>> 28) == 0xE || v4 == 0xFFFF_FFFFL;
        }
        return (dstHi >>> 56) == 0xFF;
    }
}
