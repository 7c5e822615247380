package io.anomalyhunter.collect.net;

/** An address as a map key (IPv4 mapped into IPv6); {@link #toString} is the readable form. */
record Addr(long hi, long lo) {
    static Addr src(PacketInfo p) {
        return new Addr(p.srcHi, p.srcLo);
    }

    static Addr dst(PacketInfo p) {
        return new Addr(p.dstHi, p.dstLo);
    }

    @Override
    public String toString() {
        return PacketInfo.address(hi, lo);
    }
}
