package io.anomalyhunter.traffic;

/** An address as a map key (IPv4 mapped into IPv6); {@link #toString} is the readable form. */
public record Addr(long hi, long lo) {
    public static Addr src(PacketInfo p) {
        return new Addr(p.srcHi, p.srcLo);
    }

    public static Addr dst(PacketInfo p) {
        return new Addr(p.dstHi, p.dstLo);
    }

    // Written out: a record's generated equals and hashCode run through method handles, which the native
    // executable interprets (with reflection) instead of compiling; this is a hash key on hot paths.
    @Override
    public boolean equals(Object o) {
        return o instanceof Addr a && a.hi == hi && a.lo == lo;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(hi * 0x9E3779B97F4A7C15L ^ lo);
    }

    @Override
    public String toString() {
        return PacketInfo.address(hi, lo);
    }
}
