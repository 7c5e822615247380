package io.anomalyhunter.forest;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code nodes_*} attributes every ONNX-ML tree ensemble shares: one entry per node of every tree, a branch
 * sending a row to its "true" child when {@code x[feature] <= value} (BRANCH_LEQ), a leaf marked LEAF.
 */
final class OnnxTreeNodes {
    private static final ByteString LEQ = ByteString.copyFromUtf8("BRANCH_LEQ");
    private static final ByteString LEAF = ByteString.copyFromUtf8("LEAF");
    private final List<Long> treeIds = new ArrayList<>();
    private final List<Long> nodeIds = new ArrayList<>();
    private final List<Long> featureIds = new ArrayList<>();
    private final List<Float> values = new ArrayList<>();
    private final List<ByteString> modes = new ArrayList<>();
    private final List<Long> trueIds = new ArrayList<>();
    private final List<Long> falseIds = new ArrayList<>();

    /** A node: {@code feature} below 0 makes it a leaf (threshold and children are then ignored). */
    void add(int tree, int node, int feature, float threshold, int left, int right) {
        boolean leaf = feature < 0;
        treeIds.add((long) tree);
        nodeIds.add((long) node);
        featureIds.add(leaf ? 0L : feature);
        values.add(leaf ? 0f : threshold);
        modes.add(leaf ? LEAF : LEQ);
        trueIds.add(leaf ? 0L : left);
        falseIds.add(leaf ? 0L : right);
    }

    NodeProto.Builder addTo(NodeProto.Builder node) {
        return node.addAttribute(ForestOnnx.ints("nodes_treeids", treeIds)).addAttribute(ForestOnnx.ints("nodes_nodeids", nodeIds))
                .addAttribute(ForestOnnx.ints("nodes_featureids", featureIds)).addAttribute(ForestOnnx.floats("nodes_values", values))
                .addAttribute(AttributeProto.newBuilder().setName("nodes_modes").setType(AttributeProto.AttributeType.STRINGS)
                        .addAllStrings(modes))
                .addAttribute(ForestOnnx.ints("nodes_truenodeids", trueIds))
                .addAttribute(ForestOnnx.ints("nodes_falsenodeids", falseIds));
    }
}
