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

    private static final long COMPILE_SECONDS = 2;

    /**
     * What libpcap says is wrong with the expression; empty when it compiles (or libpcap is missing: capture will
     * say). Bounded in time: an expression libpcap needs more than two seconds for is refused as too complex (the
     * compile goes on in a daemon thread; it cannot be interrupted, and it ends on its own).
     */
    public static Optional<String> problem(String expression) {
        java.util.concurrent.FutureTask<Optional<String>> task = new java.util.concurrent.FutureTask<>(() -> compile(expression));
        Thread t = new Thread(task, "bpf-compile");
        t.setDaemon(true);
        t.start();
        try {
            return task.get(COMPILE_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return Optional.of("libpcap did not compile it within " + COMPILE_SECONDS + " s; simplify it");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while compiling it");
        } catch (java.util.concurrent.ExecutionException e) {
            return Optional.of("compiling it failed: " + e.getCause());
        }
    }

    private static Optional<String> compile(String expression) {
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
