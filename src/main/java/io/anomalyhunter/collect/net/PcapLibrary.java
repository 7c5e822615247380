package io.anomalyhunter.collect.net;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Points Pcap4J (and {@link PcapFile}) at the runtime libpcap. Pcap4J asks JNA for "pcap", which finds only the development
 * symlink libpcap.so; appliances have just the runtime library (Debian's libpcap0.8: libpcap.so.0.8).
 * Call before the first use of any Pcap4J class; an explicit -Dorg.pcap4j.core.pcapLibName wins.
 */
public final class PcapLibrary {
    static final String PROPERTY = "org.pcap4j.core.pcapLibName";
    private static final List<Path> CANDIDATES = List.of(
            Path.of("/usr/lib/x86_64-linux-gnu/libpcap.so.0.8"), Path.of("/lib/x86_64-linux-gnu/libpcap.so.0.8"),
            Path.of("/usr/lib64/libpcap.so.1"), Path.of("/usr/lib/libpcap.so.1"));

    private PcapLibrary() {
    }

    public static synchronized void configure() {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        for (Path p : CANDIDATES) {
            if (Files.isReadable(p)) {
                System.setProperty(PROPERTY, p.toString());
                return;
            }
        }
    }

    /** Why libpcap cannot be used here, if it cannot: names the library and the package to install. */
    public static java.util.Optional<String> missing() {
        configure();
        String name = System.getProperty(PROPERTY, "pcap");
        try {
            com.sun.jna.NativeLibrary.getInstance(name);
            return java.util.Optional.empty();
        } catch (UnsatisfiedLinkError e) {
            return java.util.Optional.of("libpcap is not installed (" + name + " cannot be loaded; install the Debian "
                    + "package libpcap0.8)");
        }
    }

    /** A libpcap packet time (Pcap4J hands it over as a Timestamp) in microseconds since the epoch. */
    static long micros(java.sql.Timestamp ts) {
        return ts.getTime() / 1000 * 1_000_000 + ts.getNanos() / 1000;
    }
}
