package io.anomalyhunter.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The committed native-image configuration is what the generator makes from the jars on the class path now. */
class NativeConfigTest {
    @Test
    void committedConfigurationMatchesTheLibraries() throws Exception {
        Map<String, String> expected = NativeConfigGenerator.generate();
        if (Boolean.getBoolean("native-config.write")) {
            NativeConfigGenerator.main(new String[0]);
        }
        for (Map.Entry<String, String> f : expected.entrySet()) {
            String committed = Files.readString(NativeConfigGenerator.DIR.resolve(f.getKey()));
            assertEquals(f.getValue(), committed, f.getKey() + " is stale: regenerate it with "
                    + "mvn test -Dtest=NativeConfigTest -Dnative-config.write=true");
        }
    }

    @Test
    void coversTheTypesTheLibrariesNeed() throws Exception {
        Map<String, String> files = NativeConfigGenerator.generate();
        String proxies = files.get("proxy-config.json");
        assertTrue(proxies.contains("org.pcap4j.core.NativeMappings$PcapLibrary"), proxies);
        assertTrue(proxies.contains("com.sun.jna.platform.linux.Udev"), proxies);
        String jni = files.get("jni-config.json");
        assertTrue(jni.contains("\"ai.onnxruntime.OnnxTensor\""));
        assertTrue(jni.contains("\"de.kherud.llama.args.LogFormat\""));
        assertTrue(!jni.contains("getWindowID"), "Native's AWT methods must stay out");
        assertTrue(jni.contains("\"org.pcap4j.core.NativeMappings\""), "direct-mapped natives are bound through JNI");
        String reflect = files.get("reflect-config.json");
        assertTrue(reflect.contains("\"org.pcap4j.core.NativeMappings$PcapErrbuf\""));
        assertTrue(reflect.contains("\"com.sun.jna.platform.linux.LibC$Sysinfo\""));
    }
}
