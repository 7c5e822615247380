package io.anomalyhunter.detect;

import io.anomalyhunter.config.AppConfig;
import io.anomalyhunter.detect.state.BaselineState;
import io.anomalyhunter.series.MetricCatalog;
import io.anomalyhunter.series.MetricDescriptor;
import io.anomalyhunter.series.MetricUnit;
import io.anomalyhunter.series.SeriesKey;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides which detectors watch a new series: a baseline (continuing from a persisted state when there
 * is one) plus a threshold detector for every pin that matches it.
 */
public final class DetectorFactory {
    private final AppConfig.Detection detection;
    private final List<AppConfig.PinnedThreshold> pins;
    private final MetricCatalog catalog;
    private final ZoneOffset zone;
    private final Map<SeriesKey, BaselineState> restored;

    public DetectorFactory(AppConfig.Detection detection, List<AppConfig.PinnedThreshold> pins, MetricCatalog catalog,
                           ZoneOffset zone, Map<SeriesKey, BaselineState> restored) {
        this.detection = detection;
        this.pins = List.copyOf(pins);
        this.catalog = catalog;
        this.zone = zone;
        this.restored = Map.copyOf(restored);
    }

    /** The baseline detector for a series, restored if its state was persisted. */
    public BaselineDetector baseline(SeriesKey series) {
        MetricUnit unit = catalog.find(series.metric()).map(MetricDescriptor::unit).orElse(MetricUnit.COUNT);
        BaselineSettings settings = new BaselineSettings(detection.learningPeriod(),
                Sensitivities.of(detection.sensitivity()), unit.minScale(), zone);
        BaselineState state = restored.get(series);
        return state == null ? new BaselineDetector(settings) : new BaselineDetector(settings, state);
    }

    /** Threshold detectors for the pins that match the series; usually none. */
    public List<SeriesDetector> pinned(SeriesKey series) {
        List<SeriesDetector> out = new ArrayList<>();
        for (AppConfig.PinnedThreshold pin : pins) {
            if (pin.matches(series.metric(), series.labels())) {
                out.add(new ThresholdDetector(pin.above(), pin.below()));
            }
        }
        return out;
    }
}
