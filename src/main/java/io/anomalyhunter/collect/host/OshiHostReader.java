package io.anomalyhunter.collect.host;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HWDiskStore;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;
import oshi.software.os.InternetProtocolStats;
import oshi.software.os.InternetProtocolStats.IPConnection;
import oshi.software.os.InternetProtocolStats.TcpState;
import oshi.software.os.OSFileStore;
import oshi.software.os.OperatingSystem;

/** Reads the host through OSHI (procfs and sysfs on Linux). A full read costs a few milliseconds. */
public final class OshiHostReader {
    private final CentralProcessor cpu;
    private final GlobalMemory memory;
    private final OperatingSystem os;
    private final HardwareAbstractionLayer hal;
    private final List<HWDiskStore> disks;
    private final List<NetworkIF> nics;

    public OshiHostReader() {
        SystemInfo si = new SystemInfo();
        this.hal = si.getHardware();
        this.os = si.getOperatingSystem();
        this.cpu = hal.getProcessor();
        this.memory = hal.getMemory();
        this.disks = hal.getDiskStores();
        this.nics = hal.getNetworkIFs(false);
    }

    public HostReading read() {
        List<HostReading.Disk> diskReadings = new ArrayList<>();
        for (HWDiskStore d : disks) {
            String name = d.getName().replace("/dev/", "");
            if (name.startsWith("loop") || name.startsWith("ram")) {
                continue; // loop and ram devices are noise on an appliance
            }
            d.updateAttributes();
            diskReadings.add(new HostReading.Disk(name, d.getReadBytes(), d.getWriteBytes(), d.getReads(), d.getWrites()));
        }
        List<HostReading.FileSystem> fs = new ArrayList<>();
        for (OSFileStore store : os.getFileSystem().getFileStores(true)) {
            fs.add(new HostReading.FileSystem(store.getMount(), store.getTotalSpace(), store.getUsableSpace()));
        }
        List<HostReading.Nic> nicReadings = new ArrayList<>();
        for (NetworkIF n : nics) {
            n.updateAttributes();
            nicReadings.add(new HostReading.Nic(n.getName(), n.getBytesRecv(), n.getBytesSent(), n.getPacketsRecv(),
                    n.getPacketsSent(), n.getInErrors(), n.getOutErrors(), n.getInDrops()));
        }
        InternetProtocolStats ip = os.getInternetProtocolStats();
        InternetProtocolStats.TcpStats tcp4 = ip.getTCPv4Stats();
        InternetProtocolStats.TcpStats tcp6 = ip.getTCPv6Stats();
        InternetProtocolStats.UdpStats udp4 = ip.getUDPv4Stats();
        InternetProtocolStats.UdpStats udp6 = ip.getUDPv6Stats();
        GlobalMemory mem = memory;
        return new HostReading(cpu.getSystemCpuLoadTicks(), cpu.getSystemLoadAverage(3), mem.getTotal(),
                mem.getAvailable(), mem.getVirtualMemory().getSwapUsed(), diskReadings, fs, nicReadings,
                tcpStates(ip), tcp4.getSegmentsRetransmitted() + tcp6.getSegmentsRetransmitted(),
                tcp4.getConnectionFailures() + tcp6.getConnectionFailures(),
                tcp4.getOutResets() + tcp6.getOutResets(),
                udp4.getDatagramsReceived() + udp6.getDatagramsReceived(),
                udp4.getDatagramsSent() + udp6.getDatagramsSent(),
                udp4.getDatagramsNoPort() + udp6.getDatagramsNoPort(),
                udp4.getDatagramsReceivedErrors() + udp6.getDatagramsReceivedErrors(),
                os.getProcessCount(), os.getThreadCount());
    }

    private static Map<String, Integer> tcpStates(InternetProtocolStats ip) {
        // Every state is reported, zero or not, so each series exists from the start.
        Map<TcpState, Integer> counts = new EnumMap<>(TcpState.class);
        for (TcpState s : TcpState.values()) {
            if (s != TcpState.UNKNOWN && s != TcpState.NONE) {
                counts.put(s, 0);
            }
        }
        for (IPConnection c : ip.getConnections()) {
            if (c.getType().startsWith("tcp") && counts.containsKey(c.getState())) {
                counts.merge(c.getState(), 1, Integer::sum);
            }
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        counts.forEach((k, v) -> out.put(k.name().toLowerCase(java.util.Locale.ROOT), v));
        return out;
    }
}
