package io.anomalyhunter.forest;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An isolation forest as ONNX: the row standardised by the training mean and deviation (Sub, Div), its whitened
 * principal components beside it (MatMul, Concat), the trees as
 * one {@code ai.onnx.ml} TreeEnsembleRegressor averaging each leaf's path length, and the score
 * 2^(-E[h]/c(ψ)) (Mul, Pow). Outputs {@code path_length} and {@code score}, both [N, 1].
 */
public final class IsolationForestOnnx {
    public static final String INPUT = "input";
    public static final String PATH_LENGTH = "path_length";
    public static final String SCORE = "score";
    /** How many times its training envelope the row lies out along its worst dimension. */
    public static final String ENVELOPE_RATIO = "envelope_ratio";

    private IsolationForestOnnx() {
    }

    public static byte[] write(IsolationForest forest, String graphName, Map<String, String> metadata) {
        OnnxTreeNodes nodes = new OnnxTreeNodes();
        List<Long> targetTree = new ArrayList<>();
        List<Long> targetNode = new ArrayList<>();
        List<Long> targetIds = new ArrayList<>();
        List<Float> targetWeights = new ArrayList<>();
        for (int t = 0; t < forest.trees().size(); t++) {
            IsolationForest.IsolationTree tree = forest.trees().get(t);
            for (int n = 0; n < tree.feature().length; n++) {
                nodes.add(t, n, tree.feature()[n], tree.threshold()[n], tree.left()[n], tree.right()[n]);
                if (tree.feature()[n] < 0) {
                    targetTree.add((long) t);
                    targetNode.add((long) n);
                    targetIds.add(0L);
                    targetWeights.add(tree.leafValue()[n]);
                }
            }
        }
        String ml = "ai.onnx.ml";
        NodeProto trees = nodes.addTo(NodeProto.newBuilder().setOpType("TreeEnsembleRegressor").setDomain(ml)
                        .setName("isolation_trees").addInput("features").addOutput(PATH_LENGTH))
                .addAttribute(AttributeProto.newBuilder().setName("n_targets").setType(AttributeProto.AttributeType.INT).setI(1))
                .addAttribute(ForestOnnx.ints("target_treeids", targetTree)).addAttribute(ForestOnnx.ints("target_nodeids", targetNode))
                .addAttribute(ForestOnnx.ints("target_ids", targetIds)).addAttribute(ForestOnnx.floats("target_weights", targetWeights))
                .addAttribute(string("aggregate_function", "AVERAGE")).addAttribute(string("post_transform", "NONE"))
                .build();
        GraphProto graph = GraphProto.newBuilder().setName(graphName)
                .addInitializer(floats("mean", forest.mean())).addInitializer(floats("scale", forest.scale()))
                .addInitializer(matrix("whitening", forest.whitening()))
                .addInitializer(floats("minus_inverse_c", (float) (-1 / IsolationForest.averagePath(forest.sample()))))
                .addInitializer(floats("two", 2f))
                .addInitializer(floats("envelope", forest.envelope()))
                .addNode(NodeProto.newBuilder().setOpType("Sub").addInput(INPUT).addInput("mean").addOutput("centred"))
                .addNode(NodeProto.newBuilder().setOpType("Div").addInput("centred").addInput("scale").addOutput("standardised"))
                .addNode(NodeProto.newBuilder().setOpType("MatMul").addInput("standardised").addInput("whitening").addOutput("components"))
                .addNode(NodeProto.newBuilder().setOpType("Concat").addInput("standardised").addInput("components").addOutput("features")
                        .addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(1)))
                .addNode(trees)
                .addNode(NodeProto.newBuilder().setOpType("Mul").addInput(PATH_LENGTH).addInput("minus_inverse_c").addOutput("exponent"))
                .addNode(NodeProto.newBuilder().setOpType("Pow").addInput("two").addInput("exponent").addOutput(SCORE))
                .addNode(NodeProto.newBuilder().setOpType("Abs").addInput("features").addOutput("distance"))
                .addNode(NodeProto.newBuilder().setOpType("Div").addInput("distance").addInput("envelope").addOutput("ratios"))
                .addNode(NodeProto.newBuilder().setOpType("ReduceMax").addInput("ratios").addOutput(ENVELOPE_RATIO)
                        .addAttribute(AttributeProto.newBuilder().setName("axes").setType(AttributeProto.AttributeType.INTS).addInts(1))
                        .addAttribute(AttributeProto.newBuilder().setName("keepdims").setType(AttributeProto.AttributeType.INT).setI(1)))
                .addInput(ForestOnnx.tensor(INPUT, TensorProto.DataType.FLOAT, forest.features()))
                .addOutput(ForestOnnx.tensor(PATH_LENGTH, TensorProto.DataType.FLOAT, 1))
                .addOutput(ForestOnnx.tensor(SCORE, TensorProto.DataType.FLOAT, 1))
                .addOutput(ForestOnnx.tensor(ENVELOPE_RATIO, TensorProto.DataType.FLOAT, 1))
                .build();
        ModelProto.Builder model = ModelProto.newBuilder().setIrVersion(8).setProducerName("anomaly-hunter").setGraph(graph)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(ml).setVersion(3));
        metadata.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> model.addMetadataProps(
                StringStringEntryProto.newBuilder().setKey(e.getKey()).setValue(e.getValue())));
        return model.build().toByteArray();
    }

    private static AttributeProto string(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }

    /** A float matrix initializer [rows, columns], row-major. */
    private static TensorProto matrix(String name, float[][] m) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT.getNumber())
                .addDims(m.length).addDims(m.length == 0 ? 0 : m[0].length);
        for (float[] row : m) {
            for (float x : row) {
                t.addFloatData(x);
            }
        }
        return t.build();
    }

    /** A float tensor initializer: a vector, or a one-element vector for a scalar that broadcasts. */
    private static TensorProto floats(String name, float... v) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT.getNumber())
                .addDims(v.length);
        for (float x : v) {
            t.addFloatData(x);
        }
        return t.build();
    }
}
