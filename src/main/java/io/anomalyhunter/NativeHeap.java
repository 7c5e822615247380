package io.anomalyhunter;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.StringArray;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The native executable's heap bounds without a launcher script. SubstrateVM's defaults let the young generation
 * grow to about 100 MB before its first collection (RSS over 100 MB at idle); {@code -Xmx256m -Xmn4m} keeps it
 * under 80 MB. A real GraalVM bakes them in at build time ({@code -R:MaxHeapSize=256m -R:MaxNewSize=4m}); the
 * stand-in builder used here cannot (docs/benchmarks.md). So an executable started without heap options replaces
 * itself, before anything else runs, with the same command line plus the options: {@code execv} keeps the PID,
 * so systemd, {@code kill} and the PID file see one process, and nothing stays in between.
 */
final class NativeHeap {
    static final List<String> OPTIONS = List.of("-Xmx256m", "-Xmn4m");
    /** A heap this small was bounded already: baked in at build time, or given. */
    private static final long BOUNDED = 1L << 30;

    /** libc's execv, bound directly (no proxy, nothing loaded on the JVM, where it is never called). */
    static final class Libc {
        static {
            // the process's own symbols: libc is loaded already, and no library search (JNA runs ldconfig -p)
            Native.register(Libc.class, NativeLibrary.getProcess());
        }

        private Libc() {
        }

        static native int execv(String path, StringArray argv);
    }

    private NativeHeap() {
    }

    /** In the native executable with unbounded heap: re-executes itself with {@link #OPTIONS}; returns only if it did not. */
    static void bound() {
        // what org.graalvm.nativeimage.ImageInfo.inImageRuntimeCode() reads, without the SDK on the class path
        if (!"runtime".equals(System.getProperty("org.graalvm.nativeimage.imagecode")) || Runtime.getRuntime().maxMemory() <= BOUNDED) {
            return;
        }
        List<String> argv = commandLine();
        if (argv.isEmpty() || argv.stream().anyMatch(NativeHeap::namesHeap)) {
            return;
        }
        List<String> next = withOptions(argv);
        String why;
        try {
            Libc.execv("/proc/self/exe", new StringArray(next.toArray(new String[0])));
            why = "errno " + Native.getLastError(); // execv returns only when it failed
        } catch (LinkageError e) {
            why = e.getMessage();
        }
        // the defaults work, only with more memory: say so once and run on
        System.err.println("anomaly-hunter: could not restart with " + String.join(" ", OPTIONS) + " (" + why
                + "); running with the default heap");
    }

    /** The command line as started, heap options after the program name (where SubstrateVM reads them). */
    static List<String> withOptions(List<String> argv) {
        List<String> next = new ArrayList<>(argv.size() + OPTIONS.size());
        next.add(argv.get(0));
        next.addAll(OPTIONS);
        next.addAll(argv.subList(1, argv.size()));
        return next;
    }

    /** An option that bounds the heap or its young generation: the operator's choice is kept. */
    static boolean namesHeap(String arg) {
        return arg.startsWith("-Xmx") || arg.startsWith("-Xmn") || arg.startsWith("-XX:MaxHeapSize")
                || arg.startsWith("-XX:MaxNewSize") || arg.startsWith("-XX:MaximumHeapSizePercent");
    }

    /** /proc/self/cmdline: main's arguments lack the runtime options SubstrateVM consumed, this has them all. */
    private static List<String> commandLine() {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc/self/cmdline"));
            List<String> out = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == 0) {
                    out.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            return out;
        } catch (IOException e) {
            return List.of();
        }
    }
}
