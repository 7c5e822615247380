package io.anomalyhunter.collect.net;

import io.anomalyhunter.traffic.FlowTable;
import io.anomalyhunter.traffic.LocalAddresses;
import io.anomalyhunter.traffic.PacketDecoder;
import io.anomalyhunter.traffic.PacketObserver;
import io.anomalyhunter.traffic.TrafficAnalyzer;
import io.anomalyhunter.traffic.TrafficWindow;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapAddress;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.Pcaps;
import org.pcap4j.core.RawPacketListener;

/**
 * Captures one interface with libpcap on its own thread and runs every frame through a
 * {@link TrafficAnalyzer} and on to its {@link PacketObserver} (the attack detectors, handed in by the wiring). libpcap hands over a buffer's worth of frames per dispatch; a waker thread breaks
 * the dispatch four times a second, so time moves on (findings reported, windows cut) even on a silent link.
 */
public final class LiveCapture implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LiveCapture.class.getName());
    private static final int READ_TIMEOUT_MS = 100;
    private static final long TICK_MICROS = 1_000_000;
    private static final long WAKE_MS = 250;

    /** Called on the capture thread. */
    public interface Listener {
        /** Every second, after the observer was ticked. */
        void tick(LiveCapture capture, long nowMicros);

        /** Every window: its traffic figures and what libpcap lost in it. */
        void window(LiveCapture capture, TrafficWindow window, long kernelDrops, long interfaceDrops);

        /** The capture stopped on an error (the interface went away); it does not restart by itself. */
        void failed(LiveCapture capture, String reason);
    }

    private final CaptureSettings settings;
    private final PcapHandle handle;
    private final TrafficAnalyzer analyzer;
    private final Listener listener;
    private final Thread thread;
    private final Thread waker;
    private volatile boolean running = true;
    private long dropsKernel;
    private long dropsInterface;
    private volatile long received;

    private LiveCapture(CaptureSettings settings, PcapHandle handle, TrafficAnalyzer analyzer, Listener listener) {
        this.settings = settings;
        this.handle = handle;
        this.analyzer = analyzer;
        this.listener = listener;
        this.thread = new Thread(this::run, "capture-" + settings.interfaceName());
        thread.setDaemon(true);
        this.waker = new Thread(this::wake, "capture-wake-" + settings.interfaceName());
        waker.setDaemon(true);
    }

    /** Opens the interface; the capture starts with {@link #start}. */
    public static LiveCapture open(CaptureSettings s, PacketObserver observer, Listener listener) throws CaptureUnavailableException {
        PcapLibrary.configure();
        String name = s.interfaceName();
        PcapHandle handle;
        List<InetAddress> local = new ArrayList<>();
        try {
            PcapNetworkInterface nif = Pcaps.getDevByName(name);
            if (nif == null) {
                throw new CaptureUnavailableException("no interface named '" + name + "'", true);
            }
            for (PcapAddress a : nif.getAddresses()) {
                if (a.getAddress() != null) {
                    local.add(a.getAddress());
                }
            }
            handle = new PcapHandle.Builder(name).snaplen(s.snaplen())
                    .promiscuousMode(s.promiscuous() ? PcapNetworkInterface.PromiscuousMode.PROMISCUOUS
                            : PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS)
                    .timeoutMillis(READ_TIMEOUT_MS).bufferSize(s.bufferBytes())
                    .timestampPrecision(PcapHandle.TimestampPrecision.MICRO).build();
        } catch (PcapNativeException e) {
            boolean permission = e.getMessage() != null && e.getMessage().contains("ermi");
            throw new CaptureUnavailableException("cannot capture on " + name + ": " + e.getMessage()
                    + (permission ? " (needs CAP_NET_RAW)" : ""), !permission);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new CaptureUnavailableException("libpcap is not available here (" + e.getMessage()
                    + "; install libpcap0.8)", false);
        }
        try {
            int linkType = handle.getDlt().value();
            if (!PacketDecoder.supports(linkType)) {
                throw new CaptureUnavailableException(name + ": link type " + linkType + " (" + handle.getDlt().name()
                        + ") is not supported", false);
            }
            if (!s.filter().isEmpty()) {
                try {
                    handle.setFilter(s.filter(), BpfProgram.BpfCompileMode.OPTIMIZE);
                } catch (PcapNativeException e) {
                    throw new CaptureUnavailableException("collectors.network.filter '" + s.filter()
                            + "' is not a valid BPF expression: " + e.getMessage(), false);
                }
            }
            TrafficAnalyzer analyzer = new TrafficAnalyzer(linkType, observer, s.flowLimits(), new LocalAddresses(local));
            return new LiveCapture(s, handle, analyzer, listener);
        } catch (NotOpenException | CaptureUnavailableException | RuntimeException e) {
            handle.close();
            if (e instanceof CaptureUnavailableException c) {
                throw c;
            }
            throw new CaptureUnavailableException("cannot capture on " + name + ": " + e, true);
        }
    }

    public void start() {
        thread.start();
        waker.start();
    }

    /**
     * On a silent link libpcap's dispatch waits for a packet however long it takes (TPACKET_V3 retires a
     * block only when it holds one), so windows and findings would stall. breakLoop() wakes it: the capture
     * thread then does its time-driven work and dispatches again.
     */
    private void wake() {
        while (running) {
            try {
                Thread.sleep(WAKE_MS);
                handle.breakLoop();
            } catch (InterruptedException e) {
                return;
            } catch (NotOpenException e) {
                return;
            }
        }
    }

    public String interfaceName() {
        return settings.interfaceName();
    }

    /** The flow table's counts (read on the capture thread, from the listener). */
    FlowTable.Counts flowCounts() {
        return analyzer.flowCounts();
    }

    /** Frames handed over by libpcap so far. */
    public long received() {
        return received;
    }

    private void run() {
        long now = nowMicros();
        long lastTick = now;
        long windowStart = now;
        long windowMicros = settings.window().toNanos() / 1000;
        long[] count = new long[1];
        RawPacketListener onFrame = frame -> {
            analyzer.accept(frame, frame.length, handle.getOriginalLength(), PcapLibrary.micros(handle.getTimestamp()));
            count[0]++;
        };
        try {
            while (running) {
                try {
                    handle.dispatch(-1, onFrame);
                } catch (InterruptedException e) {
                    // Pcap4J's answer to breakLoop() (the waker's, or close()'s): time to look at the clock
                }
                received = count[0];
                now = nowMicros();
                if (now - lastTick >= TICK_MICROS) {
                    analyzer.tick(now);
                    listener.tick(this, now);
                    lastTick = now;
                }
                if (now - windowStart >= windowMicros) {
                    endWindow(now);
                    windowStart = now;
                }
            }
            endWindow(nowMicros()); // stopping: the partial window still counts
        } catch (PcapNativeException | NotOpenException e) {
            if (running) {
                listener.failed(this, e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.severe("capture on " + settings.interfaceName() + " stopped by a bug: " + e);
            listener.failed(this, e.toString());
        }
    }

    private void endWindow(long now) {
        TrafficWindow w = analyzer.closeWindow(now);
        long[] drops = drops();
        listener.window(this, w, drops[0], drops[1]);
    }

    /** Kernel and interface drops since the last call (libpcap's counters are totals since open). */
    private long[] drops() {
        try {
            PcapStat st = handle.getStats();
            long kernel = st.getNumPacketsDropped() - dropsKernel;
            long iface = st.getNumPacketsDroppedByIf() - dropsInterface;
            dropsKernel = st.getNumPacketsDropped();
            dropsInterface = st.getNumPacketsDroppedByIf();
            return new long[] {Math.max(0, kernel), Math.max(0, iface)};
        } catch (PcapNativeException | NotOpenException e) {
            return new long[] {0, 0};
        }
    }

    private static long nowMicros() {
        return System.currentTimeMillis() * 1000;
    }

    @Override
    public void close() {
        running = false;
        waker.interrupt();
        try {
            handle.breakLoop();
            thread.join(2000);
        } catch (NotOpenException e) {
            // already closed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        handle.close();
    }
}
