package io.anomalyhunter.collect.net;

import java.util.Optional;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.namednumber.DataLinkType;

/** Checks a capture filter expression with libpcap's own compiler, without capturing anything. */
public final class BpfFilter {
    private BpfFilter() {
    }

    /** What libpcap says is wrong with the expression; empty when it compiles (or libpcap is missing: capture will say). */
    public static Optional<String> problem(String expression) {
        PcapLibrary.configure();
        PcapHandle dead;
        try {
            dead = Pcaps.openDead(DataLinkType.EN10MB, 65_535);
        } catch (PcapNativeException | UnsatisfiedLinkError | NoClassDefFoundError e) {
            return Optional.empty();
        }
        try {
            BpfProgram program = dead.compileFilter(expression, BpfProgram.BpfCompileMode.OPTIMIZE,
                    PcapHandle.PCAP_NETMASK_UNKNOWN);
            program.free();
            return Optional.empty();
        } catch (PcapNativeException e) {
            return Optional.of(e.getMessage());
        } catch (org.pcap4j.core.NotOpenException e) {
            return Optional.empty();
        } finally {
            dead.close();
        }
    }
}
