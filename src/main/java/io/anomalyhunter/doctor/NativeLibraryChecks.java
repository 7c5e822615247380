package io.anomalyhunter.doctor;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.anomalyhunter.collect.host.HostReading;
import io.anomalyhunter.collect.host.ProcfsHostReader;
import io.anomalyhunter.collect.net.PcapLibrary;
import io.anomalyhunter.onnx.OnnxRuntime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.Pcaps;

/**
 * Checks that each native library the product uses loads and does real work here: SQLite, OSHI/JNA,
 * libpcap through Pcap4J and ONNX Runtime. (java-llama.cpp runs in a child process: {@link LlamaCheck}.)
 */
public final class NativeLibraryChecks {
    private NativeLibraryChecks() {
    }

    public static List<DoctorCheck> all() {
        return List.of(NativeLibraryChecks::sqlite, NativeLibraryChecks::oshi, NativeLibraryChecks::pcap,
                NativeLibraryChecks::onnxRuntime);
    }

    static CheckResult guarded(String name, Callable<CheckResult> body) {
        try {
            return body.call();
        } catch (Exception | LinkageError e) {
            String message = String.valueOf(e.getMessage()).strip().replaceAll("\\s*\n\\s*", "; ");
            return CheckResult.fail(name, e.getClass().getSimpleName() + ": " + message);
        }
    }

    static CheckResult sqlite() {
        return guarded("sqlite", () -> {
            try (Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite::memory:", new Properties());
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT sqlite_version()")) {
                return CheckResult.pass("sqlite", "SQLite " + rs.getString(1) + " (native library loaded)");
            }
        });
    }

    static CheckResult oshi() {
        return guarded("oshi/jna", () -> {
            HostReading r = new ProcfsHostReader().read();
            return CheckResult.pass("oshi/jna", r.nics().size() + " interfaces, " + r.disks().size() + " disks, "
                    + r.processes() + " processes (JNA " + com.sun.jna.Native.VERSION + ")");
        });
    }

    static CheckResult pcap() {
        return guarded("libpcap", () -> {
            PcapLibrary.configure();
            List<PcapNetworkInterface> devs = Pcaps.findAllDevs();
            if (devs.isEmpty()) {
                return CheckResult.fail("libpcap", "libpcap loaded (" + Pcaps.libVersion() + ") but lists no interfaces");
            }
            String names = String.join(",", devs.stream().map(PcapNetworkInterface::getName).toList());
            String capture;
            try (PcapHandle h = devs.get(0).openLive(128, PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS, 10)) {
                capture = "capture permitted on " + devs.get(0).getName();
            } catch (PcapNativeException e) {
                capture = "capture NOT permitted (" + e.getMessage() + "; the service needs CAP_NET_RAW)";
            }
            return CheckResult.pass("libpcap", Pcaps.libVersion() + "; interfaces " + names + "; " + capture);
        });
    }

    /** ONNX Runtime 1.29 overflows a 1 MB thread stack while it starts: give it its own thread with 4 MB. */
    static CheckResult onnxRuntime() {
        CheckResult[] result = new CheckResult[1];
        Thread t = new Thread(null, () -> result[0] = onnxRuntimeCheck(), "doctor-onnxruntime", 4L << 20);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.fail("onnxruntime", "interrupted");
        }
        return result[0];
    }

    private static CheckResult onnxRuntimeCheck() {
        return guarded("onnxruntime", () -> {
            OrtEnvironment env = OnnxRuntime.environment();
            try (OrtSession session = env.createSession(addModel(), new OrtSession.SessionOptions());
                 OnnxTensor x = OnnxTensor.createTensor(env, new float[][] {{1f, 2f, 3f}});
                 OrtSession.Result result = session.run(Map.of("x", x))) {
                float[][] y = (float[][]) result.get(0).getValue();
                if (!Arrays.equals(y[0], new float[] {2f, 4f, 6f})) {
                    return CheckResult.fail("onnxruntime", "x+x gave " + Arrays.toString(y[0]));
                }
                return CheckResult.pass("onnxruntime", "ran a model built in memory (x+x) on " + env.getAvailableProviders());
            }
        });
    }

    /** A one-node ONNX model y = x + x over float[1,3], built with the ONNX protobuf classes. */
    static byte[] addModel() {
        OnnxMl.TypeProto type = OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                .setShape(OnnxMl.TensorShapeProto.newBuilder()
                        .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(1))
                        .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(3)))).build();
        OnnxMl.GraphProto graph = OnnxMl.GraphProto.newBuilder().setName("doctor")
                .addNode(OnnxMl.NodeProto.newBuilder().setOpType("Add").addInput("x").addInput("x").addOutput("y"))
                .addInput(OnnxMl.ValueInfoProto.newBuilder().setName("x").setType(type))
                .addOutput(OnnxMl.ValueInfoProto.newBuilder().setName("y").setType(type)).build();
        return OnnxMl.ModelProto.newBuilder().setIrVersion(8).setProducerName("anomaly-hunter doctor")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setVersion(13)).setGraph(graph).build()
                .toByteArray();
    }
}
