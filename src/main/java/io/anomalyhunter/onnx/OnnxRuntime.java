package io.anomalyhunter.onnx;

import ai.onnxruntime.OrtEnvironment;
import com.sun.jna.platform.linux.LibC;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * The process's one ONNX Runtime environment. ORT 1.29 on Linux starts a telemetry client when the environment
 * is made: it reads /etc/machine-id, writes /tmp/mat-debug-PID.log and /tmp/.ses, would try HTTPS uploads, and
 * on these machines that path overflows a 4 MB thread stack (a JVM crash, measured). An appliance on an isolated
 * host wants none of it, so {@code ORT_DISABLE_TELEMETRY=1} is put in the process environment (through libc's
 * setenv: the JVM cannot change its own environment) before ORT is loaded, and the environment is made on a
 * thread with a generous stack in case a later ORT needs more. The launchers set the variable too.
 */
public final class OnnxRuntime {
    static final String TELEMETRY_SWITCH = "ORT_DISABLE_TELEMETRY";
    private static final long STACK_BYTES = 16L << 20;
    private static final Logger LOG = Logger.getLogger("OnnxRuntime");
    private static volatile OrtEnvironment environment;

    private OnnxRuntime() {
    }

    public static OrtEnvironment environment() {
        OrtEnvironment e = environment;
        if (e == null) {
            synchronized (OnnxRuntime.class) {
                e = environment;
                if (e == null) {
                    e = create();
                    environment = e;
                }
            }
        }
        return e;
    }

    private static OrtEnvironment create() {
        disableTelemetry();
        OrtEnvironment[] made = new OrtEnvironment[1];
        RuntimeException[] failed = new RuntimeException[1];
        Thread t = new Thread(null, () -> {
            try {
                made[0] = OrtEnvironment.getEnvironment();
            } catch (RuntimeException | LinkageError x) {
                failed[0] = new IllegalStateException("ONNX Runtime did not start: " + x.getMessage(), x);
            }
        }, "onnxruntime-start", STACK_BYTES);
        t.start();
        try {
            t.join();
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while ONNX Runtime started", x);
        }
        if (failed[0] != null) {
            throw failed[0];
        }
        removeTelemetryLeftover();
        return made[0];
    }

    private static void disableTelemetry() {
        if ("1".equals(System.getenv(TELEMETRY_SWITCH))) {
            return;
        }
        try {
            LibC.INSTANCE.setenv(TELEMETRY_SWITCH, "1", 1);
        } catch (RuntimeException | LinkageError x) {
            LOG.warnf("could not set %s=1 for ONNX Runtime (%s); set it in the service's environment", TELEMETRY_SWITCH,
                    x.getMessage());
        }
    }

    /** Should the switch not have taken, the empty log ORT left is ours to remove. */
    private static void removeTelemetryLeftover() {
        Path log = Path.of(System.getProperty("java.io.tmpdir", "/tmp"), "mat-debug-" + ProcessHandle.current().pid() + ".log");
        try {
            if (Files.isRegularFile(log) && Files.size(log) == 0) {
                Files.delete(log);
            }
        } catch (IOException x) {
            LOG.debugf("could not remove %s: %s", log, x.getMessage());
        }
    }
}
