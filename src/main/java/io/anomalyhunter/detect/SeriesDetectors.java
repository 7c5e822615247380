package io.anomalyhunter.detect;

import io.anomalyhunter.series.SeriesKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Every detector watching one series, the baseline first and then any pinned thresholds, and the one way
 * their verdicts become anomalies: through the {@link AnomalyTracker}. The daemon runs this per sample;
 * {@code detect} and {@code eval} run the same chain over files. Not thread-safe.
 */
public final class SeriesDetectors {
    private final SeriesKey series;
    private final BaselineDetector baseline;
    private final List<SeriesDetector> all;
    private final OwnWork ownWork;

    public SeriesDetectors(SeriesKey series, BaselineDetector baseline, List<SeriesDetector> pinned) {
        this(series, baseline, pinned, OwnWork.NONE);
    }

    /**
     * {@code ownWork}: samples taken while the daemon's own heavy work moves this series are not given to the
     * baseline (pinned thresholds still see them); an anomaly it has open waits for the next sample it sees.
     */
    public SeriesDetectors(SeriesKey series, BaselineDetector baseline, List<SeriesDetector> pinned, OwnWork ownWork) {
        this.ownWork = Objects.requireNonNull(ownWork, "ownWork");
        this.series = Objects.requireNonNull(series, "series");
        this.baseline = Objects.requireNonNull(baseline, "baseline");
        List<SeriesDetector> list = new ArrayList<>();
        list.add(baseline);
        list.addAll(pinned);
        this.all = List.copyOf(list);
    }

    /**
     * Runs every detector on one sample and files each verdict with the tracker; what changed goes to
     * {@code changes}. Returns the baseline's verdict.
     */
    public Verdict judge(Instant time, double value, AnomalyTracker tracker, Consumer<AnomalyChange> changes) {
        Verdict first = null;
        for (SeriesDetector d : all) {
            if (d == baseline && ownWork.loads(series, time.toEpochMilli())) {
                first = Verdict.NEUTRAL;
                continue;
            }
            Verdict v = d.process(time, value);
            if (first == null) {
                first = v;
            }
            tracker.observe(series, d.name(), time, value, v).ifPresent(changes);
        }
        return first;
    }

    public BaselineDetector baseline() {
        return baseline;
    }

    public SeriesKey series() {
        return series;
    }
}
