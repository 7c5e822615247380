package io.anomalyhunter.collect.net;

import io.anomalyhunter.traffic.FlowTable;
import io.anomalyhunter.traffic.PacketDecoder;
import io.anomalyhunter.traffic.PacketObserver;
import io.anomalyhunter.traffic.TrafficAnalyzer;
import io.anomalyhunter.traffic.TrafficWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a pcap or pcapng file with libpcap ({@link PcapFile}: headers are decoded from the bytes here)
 * through a {@link TrafficAnalyzer} and the caller's {@link PacketObserver}, in capture time, as a live
 * capture runs them.
 */
public final class PcapReplay {
    /** Traffic windows are cut every this much capture time, as the daemon's default interval does live. */
    public static final long WINDOW_MICROS = 10_000_000;

    /**
     * How much a replay read, its flows and traffic windows (what it found, the observer knows).
     * @param damaged records libpcap read but that could not be used (an impossible timestamp); skipped
     * @param truncated libpcap stopped at a record cut short or impossibly long; what came before counts
     */
    public record Result(Path file, int linkType, long packets, long malformed, long bytes, boolean truncated,
                         long damaged, FlowTable.Counts flows, List<TrafficWindow> windows) {
    }

    /** A whole capture in memory (for benchmarks): frames, their lengths on the wire and times in microseconds. */
    public record Captured(int linkType, byte[][] frames, int[] wireLengths, long[] micros) {
    }

    private PcapReplay() {
    }

    /** Reads every frame of the file into memory. */
    public static Captured load(Path file) throws CaptureFileException {
        java.util.List<byte[]> frames = new java.util.ArrayList<>();
        java.util.List<Long> times = new java.util.ArrayList<>();
        java.util.List<Integer> wires = new java.util.ArrayList<>();
        int[] link = new int[1];
        read(file, linkType -> {
            link[0] = linkType;
            return (data, length, wire, micros) -> {
                frames.add(java.util.Arrays.copyOf(data, length));
                wires.add(wire);
                times.add(micros);
            };
        });
        return new Captured(link[0], frames.toArray(new byte[0][]), wires.stream().mapToInt(Integer::intValue).toArray(),
                times.stream().mapToLong(Long::longValue).toArray());
    }

    /** Receives each frame (its first {@code length} bytes; the array is reused) with its capture time. */
    interface FrameSink {
        void frame(byte[] data, int length, int wireLength, long micros);
    }

    /** How reading ended: at a damaged record (what came before counts), and how many records were skipped. */
    private record Reading(boolean truncated, long damaged) {
    }

    public static Result run(Path file, PacketObserver observer) throws CaptureFileException {
        Replayer[] replayer = new Replayer[1];
        Reading reading = read(file, linkType -> replayer[0] = new Replayer(linkType, observer));
        return replayer[0].finish(file, reading.truncated(), reading.damaged());
    }

    /** The same analysis as {@link #run} on frames already in memory (the benchmark's second figure). */
    public static Result analyse(Captured c, PacketObserver observer) {
        Replayer replayer = new Replayer(c.linkType(), observer);
        for (int i = 0; i < c.frames().length; i++) {
            replayer.frame(c.frames()[i], c.frames()[i].length, c.wireLengths()[i], c.micros()[i]);
        }
        return replayer.finish(null, false, 0);
    }

    /** Frames in capture order through one analyzer, with a traffic window cut every {@link #WINDOW_MICROS}. */
    private static final class Replayer implements FrameSink {
        private final int linkType;
        private final TrafficAnalyzer analyzer;
        private final List<TrafficWindow> windows = new java.util.ArrayList<>();
        private long windowStart = Long.MIN_VALUE;

        Replayer(int linkType, PacketObserver observer) {
            this.linkType = linkType;
            this.analyzer = new TrafficAnalyzer(linkType, observer);
        }

        @Override
        public void frame(byte[] data, int length, int wireLength, long micros) {
            if (windowStart == Long.MIN_VALUE) {
                windowStart = micros;
            } else if (micros - windowStart >= WINDOW_MICROS) {
                windows.add(analyzer.closeWindow(micros));
                windowStart = micros;
            }
            analyzer.accept(data, length, wireLength, micros);
        }

        Result finish(Path file, boolean truncated, long damaged) {
            if (analyzer.packets() > 0) {
                windows.add(analyzer.closeWindow(analyzer.latestMicros()));
            }
            analyzer.finish();
            return new Result(file, linkType, analyzer.packets(), analyzer.malformed(), analyzer.bytes(), truncated,
                    damaged, analyzer.flowCounts(), windows);
        }
    }

    /**
     * Writes frames as a classic pcap file (microsecond timestamps): the benchmark repeats a small capture
     * into a big one so libpcap, tcpdump and the analysis all read the same long file.
     */
    public static void write(Path file, int linkType, byte[][] frames, int[] wireLengths, long[] micros)
            throws java.io.IOException {
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(
                Files.newOutputStream(file), 1 << 20))) {
            java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(24).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            header.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262_144)
                    .putInt(linkType);
            out.write(header.array());
            java.nio.ByteBuffer record = java.nio.ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < frames.length; i++) {
                record.clear();
                record.putInt((int) (micros[i] / 1_000_000)).putInt((int) (micros[i] % 1_000_000))
                        .putInt(frames[i].length).putInt(wireLengths[i]);
                out.write(record.array());
                out.write(frames[i]);
            }
        }
    }

    /** Opens the file, checks its link type, hands every frame to the sink; says how reading ended. */
    private static Reading read(Path file, java.util.function.IntFunction<FrameSink> open) throws CaptureFileException {
        if (!Files.exists(file)) {
            throw new CaptureFileException(file + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            // libpcap would block forever on a FIFO and read a device without end.
            throw new CaptureFileException(file + ": is " + (Files.isDirectory(file) ? "a directory" : "a FIFO, device or socket")
                    + ", not a capture file");
        }
        if (!Files.isReadable(file)) {
            throw new CaptureFileException(file + ": not readable by this user");
        }
        java.util.Optional<String> missing = PcapLibrary.missing();
        if (missing.isPresent()) {
            throw new CaptureFileException(file + ": cannot be read: " + missing.get());
        }
        PcapFile capture;
        try {
            capture = PcapFile.open(file.toString());
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new CaptureFileException(file + ": libpcap is not available here (" + e.getMessage()
                    + "; install libpcap0.8)");
        }
        try (capture) {
            int linkType = capture.linkType();
            if (!PacketDecoder.supports(linkType)) {
                throw new CaptureFileException(file + ": link type " + linkType + " (" + capture.linkTypeName()
                        + ") is not supported (Ethernet, Linux cooked, raw IP, BSD loopback are)");
            }
            FrameSink sink = open.apply(linkType);
            while (capture.next()) {
                sink.frame(capture.data, capture.length, capture.wireLength, capture.micros);
            }
            return new Reading(capture.truncated(), capture.damaged());
        }
    }
}
