package io.anomalyhunter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The native executable's self-bounding heap: which command lines it leaves alone and what it re-executes. */
class NativeHeapTest {
    @Test
    void theOptionsGoRightAfterTheProgramName() {
        assertEquals(List.of("/opt/ah/anomaly-hunter", "-Xmx256m", "-Xmn4m", "run", "--config", "/etc/ah.yaml"),
                NativeHeap.withOptions(List.of("/opt/ah/anomaly-hunter", "run", "--config", "/etc/ah.yaml")));
        assertEquals(List.of("ah", "-Xmx256m", "-Xmn4m"), NativeHeap.withOptions(List.of("ah")));
    }

    @Test
    void anOperatorsHeapOptionIsKept() {
        for (String given : List.of("-Xmx1g", "-Xmn16m", "-XX:MaxHeapSize=512m", "-XX:MaxNewSize=4m",
                "-XX:MaximumHeapSizePercent=10")) {
            assertTrue(NativeHeap.namesHeap(given), given);
        }
        for (String other : List.of("run", "-Xss4m", "--config", "-Dx=-Xmx1g", "-XX:+UseSerialGC")) {
            assertFalse(NativeHeap.namesHeap(other), other);
        }
    }
}
