package io.anomalyhunter.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One ONNX model in ONNX Runtime, its session kept for every call: rows in as one float tensor [N, width], one
 * float output [N, k] back, on the process's one ORT environment ({@link OnnxRuntime}). Thread-safe: ORT
 * sessions may be run concurrently.
 */
public final class OnnxScorer implements AutoCloseable {
    private final OrtSession session;
    private final String input;
    private final String output;
    private final int width;

    private OnnxScorer(OrtSession session, String input, String output, int width) {
        this.session = session;
        this.input = input;
        this.output = output;
        this.width = width;
    }

    /** Opens the model's bytes; {@code output} names the float output to return. */
    public static OnnxScorer open(byte[] model, String input, String output, int width) throws OnnxModelException {
        try {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1); // one row set at a time per caller; the daemon's threads are few
            return new OnnxScorer(environment().createSession(model, options), input, output, width);
        } catch (OrtException e) {
            throw new OnnxModelException("ONNX Runtime refused the model: " + e.getMessage());
        }
    }

    private static OrtEnvironment environment() {
        return OnnxRuntime.environment();
    }

    /** The output for each row. */
    public float[][] run(float[][] rows) throws OnnxModelException {
        return run(rows, List.of(output)).get(0);
    }

    /** Several float outputs of the model for each row, in the order named (one run of the graph). */
    public List<float[][]> run(float[][] rows, List<String> outputs) throws OnnxModelException {
        FloatBuffer flat = FloatBuffer.allocate(rows.length * width);
        for (float[] r : rows) {
            if (r.length != width) {
                throw new IllegalArgumentException("expected rows of " + width + " features, got " + r.length);
            }
            flat.put(r);
        }
        flat.flip();
        try (OnnxTensor t = OnnxTensor.createTensor(environment(), flat, new long[] {rows.length, width});
             OrtSession.Result result = session.run(Map.of(input, t), new java.util.HashSet<>(outputs))) {
            List<float[][]> out = new java.util.ArrayList<>(outputs.size());
            for (String name : outputs) {
                Optional<OnnxValue> v = result.get(name);
                if (v.isEmpty()) {
                    throw new OnnxModelException("the model has no output '" + name + "'");
                }
                out.add((float[][]) v.get().getValue());
            }
            return out;
        } catch (OrtException e) {
            throw new OnnxModelException("ONNX Runtime failed to score: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // closing: nothing left to do with a session that will not close
        }
    }
}
