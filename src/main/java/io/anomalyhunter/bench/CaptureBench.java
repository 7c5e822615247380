package io.anomalyhunter.bench;

import io.anomalyhunter.collect.net.CaptureSettings;
import io.anomalyhunter.collect.net.CaptureUnavailableException;
import io.anomalyhunter.collect.net.LiveCapture;
import io.anomalyhunter.traffic.FlowTable;
import io.anomalyhunter.traffic.PacketObserver;
import io.anomalyhunter.traffic.TrafficWindow;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * anomaly-hunter bench capture: the drop rate of live capture under a generated loopback load. Senders
 * blast UDP datagrams at a port on 127.0.0.1 (a bound socket that is never read, so the kernel sends no
 * ICMP back); the capture on lo runs the whole pipeline (decode, flows, metrics, detectors) and libpcap
 * reports what the kernel dropped. Then {@code tcpdump -i lo -w /dev/null} takes the same load as a peer.
 */
@Command(name = "capture", mixinStandardHelpOptions = true,
        description = "Live capture drop rate on lo under a generated UDP load, next to tcpdump -i lo.")
public final class CaptureBench implements Callable<Integer> {
    @Option(names = "--seconds", defaultValue = "5", description = "Seconds of load per run. Default: ${DEFAULT-VALUE}.")
    int seconds;

    @Option(names = "--senders", defaultValue = "1", description = "Sending threads. Default: ${DEFAULT-VALUE}.")
    int senders;

    @Option(names = "--buffer-mb", defaultValue = "4",
            description = "Kernel capture buffer (the daemon's default). Default: ${DEFAULT-VALUE}.")
    int bufferMb;

    @Override
    public Integer call() throws Exception {
        try (DatagramChannel sink = DatagramChannel.open()) {
            sink.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) sink.getLocalAddress()).getPort();
            String filter = "udp and dst port " + port;
            AtomicLong captured = new AtomicLong();
            AtomicLong dropped = new AtomicLong();
            LiveCapture.Listener listener = new LiveCapture.Listener() {
                @Override
                public void tick(LiveCapture capture, long nowMicros) {
                }

                @Override
                public void window(LiveCapture capture, TrafficWindow w, long kernelDrops, long interfaceDrops) {
                    captured.addAndGet(w.packets());
                    dropped.addAndGet(kernelDrops + interfaceDrops);
                }

                @Override
                public void failed(LiveCapture capture, String reason) {
                    System.err.println("capture failed: " + reason);
                }
            };
            LiveCapture capture;
            try {
                capture = LiveCapture.open(new CaptureSettings("lo", filter, 512, false, bufferMb << 20,
                        Duration.ofSeconds(1), FlowTable.Limits.DEFAULTS), PacketObserver.NONE, listener);
            } catch (CaptureUnavailableException e) {
                System.err.println("anomaly-hunter: " + e.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
            capture.start();
            Thread.sleep(500);
            long t0 = System.nanoTime();
            long sent = blast(port);
            long behind = drain(capture);
            capture.close();
            System.out.printf(Locale.ROOT, "(the capture finished its backlog %.1f s after the load stopped; %,.0f packets/s"
                    + " through the pipeline overall)%n", behind / 1e9, capture.received() / ((System.nanoTime() - t0) / 1e9));
            print("anomaly-hunter capture (decode, flows, metrics, detectors)", sent, captured.get(), dropped.get());
            tcpdump(port, filter);
        }
        return CommandLine.ExitCode.OK;
    }

    /** Waits until libpcap has nothing more to hand over (the capture caught up); returns the nanoseconds it took. */
    private static long drain(LiveCapture capture) throws InterruptedException {
        long t0 = System.nanoTime();
        long last = -1;
        while (capture.received() != last && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(60)) {
            last = capture.received();
            Thread.sleep(300);
        }
        return System.nanoTime() - t0 - TimeUnit.MILLISECONDS.toNanos(300);
    }

    /** Sends 64-byte datagrams from {@code senders} threads for {@code seconds}; returns how many were sent. */
    private long blast(int port) throws InterruptedException {
        AtomicLong sent = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Thread[] threads = new Thread[senders];
        for (int i = 0; i < senders; i++) {
            threads[i] = new Thread(() -> {
                ByteBuffer payload = ByteBuffer.allocateDirect(64);
                InetSocketAddress to = new InetSocketAddress("127.0.0.1", port);
                long n = 0;
                try (DatagramChannel ch = DatagramChannel.open()) {
                    while ((n & 1023) != 0 || System.nanoTime() < end) {
                        payload.clear();
                        ch.send(payload, to);
                        n++;
                    }
                } catch (java.io.IOException e) {
                    System.err.println("sender: " + e);
                }
                sent.addAndGet(n);
            });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        return sent.get();
    }

    private void print(String who, long sent, long captured, long dropped) {
        System.out.printf(Locale.ROOT, "%s: offered %,d packets in %d s (%,.0f/s), captured %,d, dropped by the kernel %,d"
                        + " (%.2f%%)%n", who, sent, seconds, sent / (double) seconds, captured, dropped,
                sent == 0 ? 0 : 100.0 * dropped / sent);
    }

    /** The same load under tcpdump writing to /dev/null; its own summary gives captured and dropped. */
    private void tcpdump(int port, String filter) throws Exception {
        Process p;
        java.nio.file.Path log = java.nio.file.Files.createTempFile("anomaly-hunter-tcpdump", ".log");
        try {
            p = new ProcessBuilder("tcpdump", "-i", "lo", "-nn", "-B", String.valueOf(bufferMb * 1024), "-w", "/dev/null",
                    filter).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(log.toFile()).start();
        } catch (java.io.IOException e) {
            java.nio.file.Files.deleteIfExists(log);
            System.out.println("tcpdump: not available");
            return;
        }
        Thread.sleep(1000);
        long sent = blast(port);
        Thread.sleep(1000);
        p.destroy(); // SIGTERM: tcpdump prints its counts
        p.waitFor(10, TimeUnit.SECONDS);
        long captured = -1;
        long dropped = -1;
        for (String line : java.nio.file.Files.readAllLines(log)) {
            String[] words = line.trim().split(" ");
            if (line.contains("packets captured")) {
                captured = Long.parseLong(words[0]);
            } else if (line.contains("dropped by kernel")) {
                dropped = Long.parseLong(words[0]);
            }
        }
        java.nio.file.Files.deleteIfExists(log);
        print("tcpdump -i lo -w /dev/null", sent, captured, dropped);
    }
}
