package io.anomalyhunter.forest;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a random forest as one ONNX-ML TreeEnsembleClassifier node: input {@code input} float [N, features],
 * outputs {@code label} int64 [N] and {@code probabilities} float [N, classes]. Each leaf's class distribution
 * is weighted by 1/trees, so ONNX Runtime's sum (post_transform NONE) is the forest's average. Take the class
 * from the probabilities: with post_transform NONE some runtimes' label output differs on ties.
 */
public final class ForestOnnx {
    public static final String INPUT = "input";
    public static final String LABEL = "label";
    public static final String PROBABILITIES = "probabilities";
    private static final String ML_DOMAIN = "ai.onnx.ml";

    private ForestOnnx() {
    }

    /** The model's bytes; {@code metadata} goes into the model's metadata_props. Deterministic for a forest. */
    public static byte[] write(RandomForest forest, String graphName, Map<String, String> metadata) {
        List<Long> treeIds = new ArrayList<>();
        List<Long> nodeIds = new ArrayList<>();
        List<Long> featureIds = new ArrayList<>();
        List<Float> values = new ArrayList<>();
        List<ByteString> modes = new ArrayList<>();
        List<Long> trueIds = new ArrayList<>();
        List<Long> falseIds = new ArrayList<>();
        List<Long> classTree = new ArrayList<>();
        List<Long> classNode = new ArrayList<>();
        List<Long> classIds = new ArrayList<>();
        List<Float> classWeights = new ArrayList<>();
        ByteString leq = ByteString.copyFromUtf8("BRANCH_LEQ");
        ByteString leaf = ByteString.copyFromUtf8("LEAF");
        float share = 1f / forest.trees().size();
        for (int t = 0; t < forest.trees().size(); t++) {
            DecisionTree tree = forest.trees().get(t);
            for (int n = 0; n < tree.nodes(); n++) {
                treeIds.add((long) t);
                nodeIds.add((long) n);
                boolean isLeaf = tree.isLeaf(n);
                featureIds.add(isLeaf ? 0L : tree.feature()[n]);
                values.add(isLeaf ? 0f : tree.threshold()[n]);
                modes.add(isLeaf ? leaf : leq);
                trueIds.add(isLeaf ? 0L : tree.left()[n]);
                falseIds.add(isLeaf ? 0L : tree.right()[n]);
                if (isLeaf) {
                    float[] v = tree.leafValues()[n];
                    for (int c = 0; c < v.length; c++) {
                        if (v[c] != 0) {
                            classTree.add((long) t);
                            classNode.add((long) n);
                            classIds.add((long) c);
                            classWeights.add(v[c] * share);
                        }
                    }
                }
            }
        }
        List<Long> labels = new ArrayList<>();
        for (long c = 0; c < forest.classes(); c++) {
            labels.add(c);
        }
        NodeProto node = NodeProto.newBuilder().setOpType("TreeEnsembleClassifier").setDomain(ML_DOMAIN).setName("forest")
                .addInput(INPUT).addOutput(LABEL).addOutput(PROBABILITIES)
                .addAttribute(ints("classlabels_int64s", labels))
                .addAttribute(ints("nodes_treeids", treeIds)).addAttribute(ints("nodes_nodeids", nodeIds))
                .addAttribute(ints("nodes_featureids", featureIds)).addAttribute(floats("nodes_values", values))
                .addAttribute(AttributeProto.newBuilder().setName("nodes_modes").setType(AttributeProto.AttributeType.STRINGS)
                        .addAllStrings(modes))
                .addAttribute(ints("nodes_truenodeids", trueIds)).addAttribute(ints("nodes_falsenodeids", falseIds))
                .addAttribute(ints("class_treeids", classTree)).addAttribute(ints("class_nodeids", classNode))
                .addAttribute(ints("class_ids", classIds)).addAttribute(floats("class_weights", classWeights))
                .addAttribute(AttributeProto.newBuilder().setName("post_transform").setType(AttributeProto.AttributeType.STRING)
                        .setS(ByteString.copyFromUtf8("NONE")))
                .build();
        GraphProto graph = GraphProto.newBuilder().setName(graphName).addNode(node)
                .addInput(tensor(INPUT, TensorProto.DataType.FLOAT, forest.features()))
                .addOutput(tensor(LABEL, TensorProto.DataType.INT64))
                .addOutput(tensor(PROBABILITIES, TensorProto.DataType.FLOAT, forest.classes()))
                .build();
        ModelProto.Builder model = ModelProto.newBuilder().setIrVersion(8).setProducerName("anomaly-hunter")
                .setGraph(graph)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(ML_DOMAIN).setVersion(3));
        metadata.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> model.addMetadataProps(
                StringStringEntryProto.newBuilder().setKey(e.getKey()).setValue(e.getValue())));
        return model.build().toByteArray();
    }

    private static AttributeProto ints(String name, List<Long> v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS).addAllInts(v).build();
    }

    private static AttributeProto floats(String name, List<Float> v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOATS).addAllFloats(v).build();
    }

    /** A tensor [N] or [N, width] with N left free. */
    private static ValueInfoProto tensor(String name, TensorProto.DataType type, int... width) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
        for (int w : width) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(w));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))).build();
    }
}
