package io.anomalyhunter.traffic;

/** An address as a map key (IPv4 mapped into IPv6); {@link #toString} is the readable form. */
public record Addr(long hi, long lo) {
    public static Addr src(PacketInfo p) {
        return new Addr(p.srcHi, p.srcLo);
    }

    public static Addr dst(PacketInfo p) {
        return new Addr(p.dstHi, p.dstLo);
    }

    @Override
    public String toString() {
        return PacketInfo.address(hi, lo);
    }
}
