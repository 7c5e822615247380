package io.anomalyhunter.traffic;

/**
 * Decodes headers from the raw bytes of a frame: Ethernet, 802.1Q/802.1ad, Linux cooked (SLL, SLL2), raw
 * IP; IPv4, IPv6 with extension headers, fragments; TCP, UDP, ICMP/ICMPv6; ARP; the DNS header and
 * question. Pure and allocation-free. A frame too short for what its headers announce is refused (false)
 * and counted by the caller, never an exception.
 */
public final class PacketDecoder {
    /** libpcap link-layer types handled. */
    public static final int LINK_NULL = 0;
    public static final int LINK_ETHERNET = 1;
    public static final int LINK_RAW = 101;
    public static final int LINK_RAW_OLD = 12;
    public static final int LINK_LINUX_SLL = 113;
    public static final int LINK_LINUX_SLL2 = 276;

    private PacketDecoder() {
    }

    public static boolean supports(int linkType) {
        return linkType == LINK_ETHERNET || linkType == LINK_RAW || linkType == LINK_RAW_OLD || linkType == LINK_LINUX_SLL
                || linkType == LINK_LINUX_SLL2 || linkType == LINK_NULL;
    }

    /** Decodes {@code b[0..len)}; false when the frame is malformed or not of a handled kind. */
    public static boolean decode(byte[] b, int len, int linkType, PacketInfo p) {
        p.clear();
        p.data = b;
        p.wireLength = len;
        try {
            switch (linkType) {
                case LINK_ETHERNET:
                    return ethernet(b, len, p);
                case LINK_LINUX_SLL:
                    return len >= 16 && network(b, len, 16, u16(b, 14), p);
                case LINK_LINUX_SLL2:
                    return len >= 20 && network(b, len, 20, u16(b, 0), p);
                case LINK_NULL:
                    return len >= 4 && network(b, len, 4, (b[0] == 2 || b[3] == 2) ? 0x0800 : 0x86DD, p);
                case LINK_RAW:
                case LINK_RAW_OLD:
                    return len >= 1 && network(b, len, 0, (b[0] & 0xF0) == 0x60 ? 0x86DD : 0x0800, p);
                default:
                    return false;
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            return false; // a length field pointed past the captured bytes
        }
    }

    private static boolean ethernet(byte[] b, int len, PacketInfo p) {
        if (len < 14) {
            return false;
        }
        p.dstMac = u48(b, 0);
        p.srcMac = u48(b, 6);
        int type = u16(b, 12);
        int off = 14;
        while ((type == 0x8100 || type == 0x88A8) && len >= off + 4) { // VLAN tags, stacked too
            type = u16(b, off + 2);
            off += 4;
        }
        return network(b, len, off, type, p);
    }

    private static boolean network(byte[] b, int len, int off, int etherType, PacketInfo p) {
        switch (etherType) {
            case 0x0800:
                return ipv4(b, len, off, p);
            case 0x86DD:
                return ipv6(b, len, off, p);
            case 0x0806:
                return arp(b, len, off, p);
            default:
                return true; // another protocol: only counted
        }
    }

    private static boolean arp(byte[] b, int len, int off, PacketInfo p) {
        // Ethernet/IPv4 ARP only: hardware type 1, protocol 0x0800, sizes 6 and 4.
        if (len < off + 28 || u16(b, off) != 1 || u16(b, off + 2) != 0x0800 || b[off + 4] != 6 || b[off + 5] != 4) {
            return false;
        }
        p.arpOp = u16(b, off + 6);
        p.arpSenderMac = u48(b, off + 8);
        p.arpSenderIp = PacketInfo.ipv4(i32(b, off + 14));
        p.arpTargetIp = PacketInfo.ipv4(i32(b, off + 24));
        return true;
    }

    private static boolean ipv4(byte[] b, int len, int off, PacketInfo p) {
        if (len < off + 20 || (b[off] & 0xF0) != 0x40) {
            return false;
        }
        int ihl = (b[off] & 0x0F) * 4;
        int total = u16(b, off + 2);
        if (ihl < 20 || total < ihl || len < off + ihl) {
            return false;
        }
        p.ipVersion = 4;
        p.srcLo = PacketInfo.ipv4(i32(b, off + 12));
        p.dstLo = PacketInfo.ipv4(i32(b, off + 16));
        p.protocol = b[off + 9] & 0xFF;
        int frag = u16(b, off + 6);
        int fragOffset = frag & 0x1FFF;
        boolean more = (frag & 0x2000) != 0;
        p.fragment = more || fragOffset != 0;
        p.firstFragment = p.fragment && fragOffset == 0;
        int end = Math.min(len, off + total); // ignore Ethernet padding
        if (fragOffset != 0) {
            p.payloadOffset = off + ihl;
            p.payloadLength = Math.max(0, end - off - ihl);
            return true; // later fragments carry no transport header
        }
        return transport(b, end, off + ihl, p);
    }

    private static boolean ipv6(byte[] b, int len, int off, PacketInfo p) {
        if (len < off + 40 || (b[off] & 0xF0) != 0x60) {
            return false;
        }
        p.ipVersion = 6;
        p.srcHi = i64(b, off + 8);
        p.srcLo = i64(b, off + 16);
        p.dstHi = i64(b, off + 24);
        p.dstLo = i64(b, off + 32);
        int end = Math.min(len, off + 40 + u16(b, off + 4));
        int next = b[off + 6] & 0xFF;
        int at = off + 40;
        for (int hops = 0; hops < 10; hops++) { // extension headers; a bounded walk
            if (next == 0 || next == 43 || next == 60 || next == 51) { // hop-by-hop, routing, destination, AH
                if (end < at + 8) {
                    return false;
                }
                int size = next == 51 ? ((b[at + 1] & 0xFF) + 2) * 4 : ((b[at + 1] & 0xFF) + 1) * 8;
                next = b[at] & 0xFF;
                at += size;
            } else if (next == 44) { // fragment
                if (end < at + 8) {
                    return false;
                }
                int fo = u16(b, at + 2);
                p.fragment = true;
                p.firstFragment = (fo & 0xFFF8) == 0;
                next = b[at] & 0xFF;
                at += 8;
                if (!p.firstFragment) {
                    p.protocol = next;
                    p.payloadOffset = at;
                    p.payloadLength = Math.max(0, end - at);
                    return true;
                }
            } else {
                break;
            }
        }
        p.protocol = next;
        return transport(b, end, at, p);
    }

    private static boolean transport(byte[] b, int end, int at, PacketInfo p) {
        switch (p.protocol) {
            case PacketInfo.TCP: {
                if (end < at + 20) {
                    return false;
                }
                p.srcPort = u16(b, at);
                p.dstPort = u16(b, at + 2);
                p.tcpFlags = b[at + 13] & 0x3F;
                int header = ((b[at + 12] & 0xF0) >> 4) * 4;
                if (header < 20 || end < at + header) {
                    return false;
                }
                p.payloadOffset = at + header;
                p.payloadLength = end - at - header;
                return true;
            }
            case PacketInfo.UDP: {
                if (end < at + 8) {
                    return false;
                }
                p.srcPort = u16(b, at);
                p.dstPort = u16(b, at + 2);
                p.payloadOffset = at + 8;
                p.payloadLength = end - at - 8;
                p.udpLength = Math.max(0, u16(b, at + 4) - 8); // from the header: right even past the snaplen
                if ((p.srcPort == 53 || p.dstPort == 53) && !(p.fragment && !p.firstFragment)) {
                    dns(b, end, at + 8, p);
                }
                return true;
            }
            case PacketInfo.ICMP:
            case PacketInfo.ICMPV6:
                if (end < at + 4) {
                    return false;
                }
                p.icmpType = b[at] & 0xFF;
                p.payloadOffset = at;
                p.payloadLength = end - at;
                return true;
            default:
                p.payloadOffset = at;
                p.payloadLength = Math.max(0, end - at);
                return true;
        }
    }

    /** DNS header and the first question's type; a short or odd message is left as "not DNS". */
    private static void dns(byte[] b, int end, int at, PacketInfo p) {
        if (end < at + 12) {
            return;
        }
        int flags = u16(b, at + 2);
        p.dns = (flags & 0x8000) != 0 ? 2 : 1;
        p.dnsRcode = flags & 0x0F;
        if (u16(b, at + 4) == 0) {
            return;
        }
        int i = at + 12;
        for (int labels = 0; i < end && labels < 128; labels++) { // the name: labels up to a zero byte
            int l = b[i] & 0xFF;
            if (l == 0) {
                i++;
                break;
            }
            if ((l & 0xC0) != 0) { // a pointer in a question: odd but legal
                i += 2;
                break;
            }
            i += l + 1;
        }
        if (i + 2 <= end) {
            p.dnsQtype = u16(b, i);
        }
    }

    static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    static int i32(byte[] b, int i) {
        return ((b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }

    static long u48(byte[] b, int i) {
        return ((long) u16(b, i) << 32) | (i32(b, i + 2) & 0xFFFF_FFFFL);
    }

    static long i64(byte[] b, int i) {
        return ((long) i32(b, i) << 32) | (i32(b, i + 4) & 0xFFFF_FFFFL);
    }
}
