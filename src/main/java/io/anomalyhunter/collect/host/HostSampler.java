package io.anomalyhunter.collect.host;

import static io.anomalyhunter.collect.host.HostMetrics.*;

import io.anomalyhunter.series.Sample;
import io.anomalyhunter.series.SeriesKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** Turns successive {@link HostReading}s into samples: gauges as they are, counters as per-second rates. */
public final class HostSampler {
    private static final String[] CPU_MODES = {"user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"};
    private static final String[] LOAD_PERIODS = {"1m", "5m", "15m"};

    private final CounterRates rates = new CounterRates();
    private long[] previousTicks;

    public List<Sample> samples(HostReading r, Instant t) {
        List<Sample> out = new ArrayList<>(128);
        cpu(r.cpuTicks(), t, out);
        for (int i = 0; i < r.loadAverage().length && i < LOAD_PERIODS.length; i++) {
            if (r.loadAverage()[i] >= 0) {
                out.add(new Sample(SeriesKey.of(LOAD, "period", LOAD_PERIODS[i]), t, r.loadAverage()[i]));
            }
        }
        long used = r.memoryTotal() - r.memoryAvailable();
        out.add(new Sample(SeriesKey.of(MEMORY_USED), t, used));
        if (r.memoryTotal() > 0) {
            out.add(new Sample(SeriesKey.of(MEMORY_USED_PERCENT), t, 100.0 * used / r.memoryTotal()));
        }
        out.add(new Sample(SeriesKey.of(SWAP_USED), t, r.swapUsed()));
        for (HostReading.Disk d : r.disks()) {
            rate(out, DISK_READ_BYTES, d.readBytes(), t, "device", d.name());
            rate(out, DISK_WRITE_BYTES, d.writeBytes(), t, "device", d.name());
            rate(out, DISK_READS, d.reads(), t, "device", d.name());
            rate(out, DISK_WRITES, d.writes(), t, "device", d.name());
        }
        for (HostReading.FileSystem fs : r.fileSystems()) {
            if (fs.totalBytes() > 0) {
                double pct = 100.0 * (fs.totalBytes() - fs.usableBytes()) / fs.totalBytes();
                out.add(new Sample(SeriesKey.of(FS_USED, "mount", fs.mount()), t, pct));
            }
        }
        for (HostReading.Nic n : r.nics()) {
            rate(out, NIC_RX_BYTES, n.rxBytes(), t, "interface", n.name());
            rate(out, NIC_TX_BYTES, n.txBytes(), t, "interface", n.name());
            rate(out, NIC_RX_PACKETS, n.rxPackets(), t, "interface", n.name());
            rate(out, NIC_TX_PACKETS, n.txPackets(), t, "interface", n.name());
            rate(out, NIC_RX_ERRORS, n.rxErrors(), t, "interface", n.name());
            rate(out, NIC_TX_ERRORS, n.txErrors(), t, "interface", n.name());
            rate(out, NIC_RX_DROPS, n.rxDrops(), t, "interface", n.name());
        }
        for (Map.Entry<String, Integer> e : r.tcpByState().entrySet()) {
            out.add(new Sample(SeriesKey.of(TCP_CONNECTIONS, "state", e.getKey()), t, e.getValue()));
        }
        rate(out, TCP_RETRANSMITS, r.tcpRetransmits(), t);
        rate(out, TCP_FAILURES, r.tcpFailures(), t);
        rate(out, TCP_RESETS, r.tcpResets(), t);
        rate(out, UDP_RECEIVED, r.udpReceived(), t);
        rate(out, UDP_SENT, r.udpSent(), t);
        rate(out, UDP_NO_PORT, r.udpNoPort(), t);
        rate(out, UDP_ERRORS, r.udpErrors(), t);
        out.add(new Sample(SeriesKey.of(PROCESSES), t, r.processes()));
        out.add(new Sample(SeriesKey.of(THREADS), t, r.threads()));
        if (r.processesCreated() >= 0) {
            rate(out, PROCESS_STARTS, r.processesCreated(), t);
        }
        if (r.fileHandles() >= 0) {
            out.add(new Sample(SeriesKey.of(FILE_HANDLES), t, r.fileHandles()));
        }
        if (r.openFilesMaxPercent() >= 0) {
            out.add(new Sample(SeriesKey.of(OPEN_FILES_MAX_PERCENT), t, r.openFilesMaxPercent()));
        }
        return out;
    }

    private void cpu(long[] ticks, Instant t, List<Sample> out) {
        long[] prev = previousTicks;
        previousTicks = ticks.clone();
        if (prev == null || prev.length != ticks.length) {
            return;
        }
        long[] delta = new long[ticks.length];
        long total = 0;
        for (int i = 0; i < ticks.length; i++) {
            delta[i] = Math.max(0, ticks[i] - prev[i]);
            total += delta[i];
        }
        if (total <= 0) {
            return;
        }
        // The total first: when a burn moves every mode at once, the incident it opens is titled by the headline.
        long busy = total - delta[3] - (delta.length > 4 ? delta[4] : 0);
        out.add(new Sample(SeriesKey.of(CPU, "mode", "total"), t, 100.0 * busy / total));
        for (int i = 0; i < delta.length && i < CPU_MODES.length; i++) {
            out.add(new Sample(SeriesKey.of(CPU, "mode", CPU_MODES[i]), t, 100.0 * delta[i] / total));
        }
    }

    private void rate(List<Sample> out, String metric, long counter, Instant t, String... labels) {
        SeriesKey key = SeriesKey.of(metric, labels);
        OptionalDouble r = rates.rate(key.text(), counter, t);
        if (r.isPresent()) {
            out.add(new Sample(key, t, r.getAsDouble()));
        }
    }
}
