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

    private PcapReplay() {
    }

    public static Result run(Path file, NetThresholds thresholds) throws CaptureFileException {
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
            TrafficAnalyzer analyzer = new TrafficAnalyzer(linkType, thresholds);
            boolean truncated = false;
            try {
                handle.loop(-1, (byte[] packet) -> {
                    Timestamp ts = handle.getTimestamp();
                    analyzer.accept(packet, packet.length, ts.getTime() / 1000 * 1_000_000 + ts.getNanos() / 1000);
                });
            } catch (PcapNativeException e) {
                truncated = true; // libpcap stops at a truncated record; what came before it counts
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Result(file, linkType, analyzer.packets(), analyzer.malformed(), analyzer.bytes(), truncated,
                    analyzer.finish());
        } catch (NotOpenException e) {
            throw new CaptureFileException(file + ": " + e.getMessage());
        } finally {
            handle.close();
        }
    }
}
