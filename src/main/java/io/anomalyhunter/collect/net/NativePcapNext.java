package io.anomalyhunter.collect.net;

import org.graalvm.nativeimage.c.function.CFunctionPointer;
import org.graalvm.nativeimage.c.function.InvokeCFunctionPointer;
import org.graalvm.word.PointerBase;
import org.graalvm.word.WordFactory;

/**
 * {@code pcap_next_ex} called through GraalVM's own C function pointer, in the native executable only. JNA's
 * direct dispatch makes JNI calls back into the executable on every call, each an isolate transition: per
 * capture record that cost as much as the rest of the packet path. The address comes from JNA's lookup, so
 * libpcap stays optional (loaded when first used, not linked). Never loaded on the JVM, which lacks these types.
 */
final class NativePcapNext implements PcapFile.NextRecord {
    /** {@code int pcap_next_ex(pcap_t *, struct pcap_pkthdr **, const u_char **)}. */
    interface Function extends CFunctionPointer {
        @InvokeCFunctionPointer
        int invoke(PointerBase pcap, PointerBase header, PointerBase data);
    }

    private final Function function;

    NativePcapNext(long address) {
        this.function = WordFactory.pointer(address);
    }

    @Override
    public int next(long pcap, long header, long data) {
        return function.invoke(WordFactory.pointer(pcap), WordFactory.pointer(header), WordFactory.pointer(data));
    }
}
