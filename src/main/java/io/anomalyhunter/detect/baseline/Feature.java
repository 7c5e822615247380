package io.anomalyhunter.detect.baseline;

/** Which view of the residuals found a sample surprising; says what the operator reads. */
public enum Feature {
    /** One value far from what was expected. */
    POINT,
    /** Several values in a row on one side: the level moved. */
    SHIFT,
    /** Unusual values coming more often than they do. */
    BURST
}
