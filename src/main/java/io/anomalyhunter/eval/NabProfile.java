package io.anomalyhunter.eval;

import java.util.List;
import java.util.Objects;

/**
 * A NAB cost profile: what a detected window earns at most ({@code tpWeight}), what a detection outside
 * every window costs at most ({@code fpWeight}) and what a missed window costs ({@code fnWeight}).
 */
public record NabProfile(String name, double tpWeight, double fpWeight, double fnWeight) {
    /** NAB's config/profiles.json, exactly. */
    public static final NabProfile STANDARD = new NabProfile("standard", 1.0, 0.11, 1.0);
    public static final NabProfile REWARD_LOW_FP = new NabProfile("reward_low_FP_rate", 1.0, 0.22, 1.0);
    public static final NabProfile REWARD_LOW_FN = new NabProfile("reward_low_FN_rate", 1.0, 0.11, 2.0);
    public static final List<NabProfile> ALL = List.of(STANDARD, REWARD_LOW_FP, REWARD_LOW_FN);

    public NabProfile {
        Objects.requireNonNull(name, "name");
        if (!(tpWeight > 0 && fpWeight > 0 && fnWeight > 0)) {
            throw new IllegalArgumentException("profile " + name + ": weights must be positive");
        }
    }
}
