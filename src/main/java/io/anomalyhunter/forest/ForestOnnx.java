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
 * from the probabilities: with post_transform NONE some runtimes' label output differs on ties. Each node's
 * training cover rides in {@code nodes_hitrates} (which runtimes may use to order work), so {@link #read} gives
 * back a forest TreeSHAP can explain: the explanation comes from the very trees ONNX Runtime scores with.
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
        OnnxTreeNodes nodes = new OnnxTreeNodes();
        List<Long> classTree = new ArrayList<>();
        List<Long> classNode = new ArrayList<>();
        List<Long> classIds = new ArrayList<>();
        List<Float> classWeights = new ArrayList<>();
        List<Float> hitRates = new ArrayList<>();
        float share = 1f / forest.trees().size();
        for (int t = 0; t < forest.trees().size(); t++) {
            DecisionTree tree = forest.trees().get(t);
            for (int n = 0; n < tree.nodes(); n++) {
                nodes.add(t, n, tree.feature()[n], tree.threshold()[n], tree.left()[n], tree.right()[n]);
                hitRates.add((float) tree.cover()[n]);
                if (tree.isLeaf(n)) {
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
        NodeProto node = nodes.addTo(NodeProto.newBuilder().setOpType("TreeEnsembleClassifier").setDomain(ML_DOMAIN)
                        .setName("forest").addInput(INPUT).addOutput(LABEL).addOutput(PROBABILITIES))
                .addAttribute(ints("classlabels_int64s", labels))
                .addAttribute(floats("nodes_hitrates", hitRates))
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

    static AttributeProto ints(String name, List<Long> v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS).addAllInts(v).build();
    }

    static AttributeProto floats(String name, List<Float> v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOATS).addAllFloats(v).build();
    }

    /** A tensor [N] or [N, width] with N left free. */
    static ValueInfoProto tensor(String name, TensorProto.DataType type, int... width) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
        for (int w : width) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(w));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))).build();
    }

    /**
     * The forest in a model this class wrote. Leaf values are the class weights times the number of trees, so the
     * Java forest averages to what ONNX Runtime sums; covers are rebuilt upwards from the leaves, so every parent
     * is exactly the sum of its children (what TreeSHAP's identity needs).
     */
    public static RandomForest read(byte[] bytes) throws ForestFormatException {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new ForestFormatException("not an ONNX model: " + e.getMessage());
        }
        NodeProto node = model.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("TreeEnsembleClassifier"))
                .findFirst().orElseThrow(() -> new ForestFormatException("no TreeEnsembleClassifier node in the graph"));
        Map<String, AttributeProto> a = new java.util.HashMap<>();
        node.getAttributeList().forEach(x -> a.put(x.getName(), x));
        for (String need : List.of("nodes_treeids", "nodes_nodeids", "nodes_featureids", "nodes_values", "nodes_modes",
                "nodes_truenodeids", "nodes_falsenodeids", "nodes_hitrates", "class_treeids", "class_nodeids", "class_ids",
                "class_weights", "classlabels_int64s")) {
            if (!a.containsKey(need)) {
                throw new ForestFormatException("the TreeEnsembleClassifier has no " + need);
            }
        }
        List<Long> treeIds = a.get("nodes_treeids").getIntsList();
        int trees = treeIds.isEmpty() ? 0 : (int) (treeIds.stream().mapToLong(Long::longValue).max().getAsLong() + 1);
        int classes = a.get("classlabels_int64s").getIntsCount();
        int features = (int) model.getGraph().getInput(0).getType().getTensorType().getShape().getDim(1).getDimValue();
        int[] sizes = new int[trees];
        List<Long> nodeIds = a.get("nodes_nodeids").getIntsList();
        for (int i = 0; i < treeIds.size(); i++) {
            int t = treeIds.get(i).intValue();
            sizes[t] = Math.max(sizes[t], nodeIds.get(i).intValue() + 1);
        }
        int[][] feature = new int[trees][];
        float[][] threshold = new float[trees][];
        int[][] left = new int[trees][];
        int[][] right = new int[trees][];
        float[][][] leaf = new float[trees][][];
        double[][] cover = new double[trees][];
        for (int t = 0; t < trees; t++) {
            feature[t] = new int[sizes[t]];
            threshold[t] = new float[sizes[t]];
            left[t] = new int[sizes[t]];
            right[t] = new int[sizes[t]];
            leaf[t] = new float[sizes[t]][];
            cover[t] = new double[sizes[t]];
        }
        for (int i = 0; i < treeIds.size(); i++) {
            int t = treeIds.get(i).intValue();
            int n = nodeIds.get(i).intValue();
            boolean isLeaf = a.get("nodes_modes").getStrings(i).toStringUtf8().equals("LEAF");
            feature[t][n] = isLeaf ? -1 : (int) a.get("nodes_featureids").getInts(i);
            threshold[t][n] = a.get("nodes_values").getFloats(i);
            left[t][n] = isLeaf ? -1 : (int) a.get("nodes_truenodeids").getInts(i);
            right[t][n] = isLeaf ? -1 : (int) a.get("nodes_falsenodeids").getInts(i);
            cover[t][n] = a.get("nodes_hitrates").getFloats(i);
            if (isLeaf) {
                leaf[t][n] = new float[classes];
            }
        }
        for (int i = 0; i < a.get("class_treeids").getIntsCount(); i++) {
            int t = (int) a.get("class_treeids").getInts(i);
            int n = (int) a.get("class_nodeids").getInts(i);
            if (leaf[t][n] == null) {
                throw new ForestFormatException("tree " + t + " node " + n + " has class weights but is not a leaf");
            }
            leaf[t][n][(int) a.get("class_ids").getInts(i)] = a.get("class_weights").getFloats(i) * trees;
        }
        List<DecisionTree> out = new ArrayList<>();
        for (int t = 0; t < trees; t++) {
            sumCovers(feature[t], left[t], right[t], cover[t], 0);
            out.add(new DecisionTree(feature[t], threshold[t], left[t], right[t], leaf[t], cover[t]));
        }
        return new RandomForest(out, classes, features);
    }

    private static double sumCovers(int[] feature, int[] left, int[] right, double[] cover, int node) {
        if (feature[node] < 0) {
            return cover[node];
        }
        cover[node] = sumCovers(feature, left, right, cover, left[node]) + sumCovers(feature, left, right, cover, right[node]);
        return cover[node];
    }

    /** The model's metadata_props. */
    public static Map<String, String> metadata(byte[] bytes) throws ForestFormatException {
        try {
            Map<String, String> out = new java.util.LinkedHashMap<>();
            ModelProto.parseFrom(bytes).getMetadataPropsList().forEach(e -> out.put(e.getKey(), e.getValue()));
            return out;
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new ForestFormatException("not an ONNX model: " + e.getMessage());
        }
    }
}
