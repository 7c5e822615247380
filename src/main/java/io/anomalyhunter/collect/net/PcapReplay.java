package io.anomalyhunter.collect.net;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;

/**
 * Reads a pcap or pcapng file with libpcap (Pcap4J's raw listener: headers are decoded from the bytes
 * here, which is several times faster than Pcap4J's decoding listeners) through a {@link TrafficAnalyzer},
 * in capture time.
 */
public final class PcapReplay {
    /** What a replay found and how much it read. */
    public record Result(Path file, int linkType, long packets, long malformed, long bytes, boolean truncated,
                         List<Finding> findings) {
    }

    /** A whole capture in memory (for benchmarks): frames and their times in microseconds. */
    public record Captured(int linkType, byte[][] frames, long[] micros) {
    }

    private PcapReplay() {
    }

    /** Reads every frame of the file into memory. */
    public static Captured load(Path file) throws CaptureFileException {
        java.util.List<byte[]> frames = new java.util.ArrayList<>();
        java.util.List<Long> times = new java.util.ArrayList<>();
        int[] link = new int[1];
        read(file, linkType -> {
            link[0] = linkType;
            return (data, wire, micros) -> {
                frames.add(data);
                times.add(micros);
            };
        });
        return new Captured(link[0], frames.toArray(new byte[0][]), times.stream().mapToLong(Long::longValue).toArray());
    }

    /** Receives each frame with its capture time. */
    interface FrameSink {
        void frame(byte[] data, int wireLength, long micros);
    }

    public static Result run(Path file, NetThresholds thresholds) throws CaptureFileException {
        TrafficAnalyzer[] analyzer = new TrafficAnalyzer[1];
        int[] link = new int[1];
        boolean truncated = read(file, linkType -> {
            link[0] = linkType;
            analyzer[0] = new TrafficAnalyzer(linkType, thresholds);
            return (data, wire, micros) -> analyzer[0].accept(data, data.length, wire, micros);
        });
        TrafficAnalyzer a = analyzer[0];
        return new Result(file, link[0], a.packets(), a.malformed(), a.bytes(), truncated, a.finish());
    }

    /** Opens the file, checks its link type, hands every frame to the sink; true when libpcap hit a truncated record. */
    private static boolean read(Path file, java.util.function.IntFunction<FrameSink> open) throws CaptureFileException {
        if (!Files.isReadable(file)) {
            throw new CaptureFileException(file + ": no such file or not readable");
        }
        PcapLibrary.configure();
        PcapHandle handle;
        try {
            handle = Pcaps.openOffline(file.toString(), PcapHandle.TimestampPrecision.MICRO);
        } catch (PcapNativeException e) {
            throw new CaptureFileException(file + ": not a pcap or pcapng capture (" + e.getMessage() + ")");
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new CaptureFileException(file + ": libpcap is not available here (" + e.getMessage()
                    + "; install libpcap0.8)");
        }
        try {
            int linkType = handle.getDlt().value();
            if (!PacketDecoder.supports(linkType)) {
                throw new CaptureFileException(file + ": link type " + linkType + " (" + handle.getDlt().name()
                        + ") is not supported (Ethernet, Linux cooked, raw IP, BSD loopback are)");
            }
            FrameSink sink = open.apply(linkType);
            try {
                handle.loop(-1, (byte[] packet) -> {
                    Timestamp ts = handle.getTimestamp();
                    sink.frame(packet, handle.getOriginalLength(), ts.getTime() / 1000 * 1_000_000 + ts.getNanos() / 1000);
                });
            } catch (PcapNativeException e) {
                return true; // libpcap stops at a truncated record; what came before it counts
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        } catch (NotOpenException e) {
            throw new CaptureFileException(file + ": " + e.getMessage());
        } finally {
            handle.close();
        }
    }
}
