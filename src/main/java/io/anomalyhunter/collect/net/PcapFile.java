package io.anomalyhunter.collect.net;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;

/**
 * A capture file read through libpcap's {@code pcap_next_ex}, bound directly (JNA direct mapping, pointers passed
 * as plain addresses): per record one call into libpcap, then the header and the bytes read straight out of
 * libpcap's buffer into an array reused for every record. Pcap4J's loop costs a JNA callback (a reflective upcall),
 * a {@code Timestamp} and a new array per record; JNA's {@code Pointer.read} costs a JNI call per read, each a
 * native transition, which in the native executable cost more than the copy itself. Not thread-safe.
 */
final class PcapFile implements AutoCloseable {
    /** libpcap's {@code PCAP_TSTAMP_PRECISION_MICRO}. */
    private static final int MICRO = 0;
    private static final int ERRBUF_SIZE = 256;
    // struct pcap_pkthdr on 64-bit Linux: struct timeval (two longs at 0 and 8), caplen at 16, len at 20.

    /** One call of {@code pcap_next_ex} with its pointers as addresses. */
    interface NextRecord {
        int next(long pcap, long header, long data);
    }

    /**
     * How records are read: through JNA on the JVM; in the native executable through a C function pointer
     * ({@link NativePcapNext}), which skips JNA's JNI calls back into the executable.
     */
    private static final class Reader {
        static final NextRecord NEXT = "runtime".equals(System.getProperty("org.graalvm.nativeimage.imagecode"))
                ? NativeReader.create() : Lib::pcap_next_ex;

        private Reader() {
        }
    }

    /** Kept apart so that the JVM never resolves {@link NativePcapNext}. */
    private static final class NativeReader {
        private NativeReader() {
        }

        static NextRecord create() {
            return new NativePcapNext(Pointer.nativeValue(Lib.LIBRARY.getFunction("pcap_next_ex")));
        }
    }

    /** The libpcap functions used, registered once per process. */
    static final class Lib {
        static final NativeLibrary LIBRARY;

        static {
            PcapLibrary.configure();
            LIBRARY = NativeLibrary.getInstance(System.getProperty(PcapLibrary.PROPERTY, "pcap"));
            Native.register(Lib.class, LIBRARY);
        }

        private Lib() {
        }

        static native Pointer pcap_open_offline_with_tstamp_precision(String file, int precision, byte[] errbuf);

        /** The pointers as addresses (the same 64-bit argument to C): JNA reads no Pointer objects per call. */
        static native int pcap_next_ex(long pcap, long header, long data);

        static native int pcap_datalink(Pointer pcap);

        static native String pcap_datalink_val_to_name(int linkType);

        static native Pointer pcap_geterr(Pointer pcap);

        static native void pcap_close(Pointer pcap);
    }

    /** One record as {@link #next} leaves it: bytes in {@link #data} up to {@link #length}. */
    final byte[] data = new byte[262_144];
    int length;
    int wireLength;
    long micros;

    private final Pointer pcap;
    private final long pcapAddress;
    /** Where pcap_next_ex writes the addresses of the record's header and bytes (kept alive by this field). */
    private final Memory out = new Memory(16);
    private final long outAddress = Pointer.nativeValue(out);
    private long damaged;
    private boolean truncated;

    private PcapFile(Pointer pcap) {
        this.pcap = pcap;
        this.pcapAddress = Pointer.nativeValue(pcap);
    }

    /** Opens a capture file; the message says why libpcap would not (not a capture, unsupported format). */
    static PcapFile open(String file) throws CaptureFileException {
        byte[] errbuf = new byte[ERRBUF_SIZE];
        Pointer p = Lib.pcap_open_offline_with_tstamp_precision(file, MICRO, errbuf);
        if (p == null) {
            throw new CaptureFileException(file + ": not a pcap or pcapng capture (" + text(errbuf) + ")");
        }
        return new PcapFile(p);
    }

    int linkType() {
        return Lib.pcap_datalink(pcap);
    }

    String linkTypeName() {
        String name = Lib.pcap_datalink_val_to_name(linkType());
        return name == null ? "unknown" : name;
    }

    /**
     * Reads the next usable record into {@link #data}, {@link #length}, {@link #wireLength} and {@link #micros};
     * false at the end of the file, or where libpcap stopped at a damaged record ({@link #truncated}). Records
     * with an impossible time (microseconds of a million or more) are counted in {@link #damaged} and skipped.
     */
    boolean next() {
        while (true) {
            int r = Reader.NEXT.next(pcapAddress, outAddress, outAddress + 8);
            if (r != 1) {
                truncated = r == -1; // -2 is the end of the file
                return false;
            }
            long header = NativeMemory.getLong(outAddress);
            long seconds = NativeMemory.getLong(header);
            long usec = NativeMemory.getLong(header + 8);
            int caplen = NativeMemory.getInt(header + 16);
            if (usec < 0 || usec >= 1_000_000 || caplen < 0 || caplen > data.length) {
                damaged++;
                continue;
            }
            NativeMemory.copy(NativeMemory.getLong(outAddress + 8), data, caplen);
            length = caplen;
            wireLength = NativeMemory.getInt(header + 20);
            micros = seconds * 1_000_000 + usec;
            return true;
        }
    }

    /** Records skipped for an impossible time or length. */
    long damaged() {
        return damaged;
    }

    /** True when libpcap stopped at a record cut short or impossibly long; what came before it counts. */
    boolean truncated() {
        return truncated;
    }

    /** libpcap's last error on this file. */
    String error() {
        Pointer e = Lib.pcap_geterr(pcap);
        return e == null ? "" : e.getString(0);
    }

    @Override
    public void close() {
        Lib.pcap_close(pcap);
    }

    private static String text(byte[] errbuf) {
        int n = 0;
        while (n < errbuf.length && errbuf[n] != 0) {
            n++;
        }
        return new String(errbuf, 0, n, StandardCharsets.UTF_8);
    }
}
