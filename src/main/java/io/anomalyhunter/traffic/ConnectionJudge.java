package io.anomalyhunter.traffic;

import java.util.List;

/**
 * The seam between finished connections and a model that classifies them (the traffic classifier): the
 * attack detectors hand over connections without knowing the model, the model knows nothing of detection.
 * One judge per stream of connections (an interface or a file), called on its capture thread; a judge may keep
 * state across calls (the NSL-KDD features count the connections before each one).
 */
public interface ConnectionJudge {
    /** A judge with no model: every connection goes unjudged. */
    ConnectionJudge NONE = new ConnectionJudge() {
        @Override
        public List<Judgement> judge(List<ConnectionRecord> finished) {
            return List.of();
        }

        @Override
        public String explain(Judgement j, int top) {
            return "";
        }
    };

    /**
     * What the model made of one connection: its likeliest class, that class's probability, whether the class is an
     * attack, and the features it was given (kept so {@link #explain} can say why without recomputing them).
     */
    record Judgement(ConnectionRecord connection, String label, double probability, boolean attack, float[] features) {
    }

    /** Judges finished connections given in end order: one answer each, in the same order, or none without a model. */
    List<Judgement> judge(List<ConnectionRecord> finished);

    /** The {@code top} features behind a judgement, with their signed contributions, as one line; costly, so asked for few. */
    String explain(Judgement j, int top);
}
