package io.anomalyhunter.detect;

import io.anomalyhunter.config.AppConfig;
import io.anomalyhunter.detect.baseline.BaselineSettings;
import io.anomalyhunter.detect.baseline.FalseAlarmBudget;
import io.anomalyhunter.detect.baseline.ValueRange;
import io.anomalyhunter.detect.state.BaselineState;
import io.anomalyhunter.series.MetricCatalog;
import io.anomalyhunter.series.MetricDescriptor;
import io.anomalyhunter.series.SeriesKey;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides which detectors watch a new series: a baseline (continuing from a persisted state when there
 * is one) plus a threshold detector for every pin that matches it. The baselines share the host's false-alarm
 * budget ({@code detection.sensitivity}) equally among the series watched.
 */
public final class DetectorFactory {
    private final AppConfig.Detection detection;
    private final List<AppConfig.PinnedThreshold> pins;
    private final MetricCatalog catalog;
    private final ZoneOffset zone;
    private final Map<SeriesKey, BaselineState> restored;
    private final AtomicInteger watched = new AtomicInteger();
    private final FalseAlarmBudget shared;
    private final long settleUntilMillis;
    private final OwnWork ownWork;

    public DetectorFactory(AppConfig.Detection detection, List<AppConfig.PinnedThreshold> pins, MetricCatalog catalog,
                           ZoneOffset zone, Map<SeriesKey, BaselineState> restored) {
        this(detection, pins, catalog, zone, restored, Long.MIN_VALUE, OwnWork.NONE);
    }

    /**
     * {@code settleUntilMillis}: the daemon's baselines take nothing but their robust warm-up from samples before
     * this time, and restored ones judge nothing before it (see {@link BaselineSettings}); nor do they see samples
     * that {@code ownWork} says show the daemon's own heavy work.
     */
    public DetectorFactory(AppConfig.Detection detection, List<AppConfig.PinnedThreshold> pins, MetricCatalog catalog,
                           ZoneOffset zone, Map<SeriesKey, BaselineState> restored, long settleUntilMillis,
                           OwnWork ownWork) {
        this.settleUntilMillis = settleUntilMillis;
        this.ownWork = ownWork;
        this.detection = detection;
        this.pins = List.copyOf(pins);
        this.catalog = catalog;
        this.zone = zone;
        this.restored = Map.copyOf(restored);
        double hostBudget = Sensitivities.falseAlarmsPerDay(detection.sensitivity());
        this.shared = () -> hostBudget / Math.max(1, watched.get());
    }

    /** The baseline detector for a series, restored if its state was persisted; it joins the shared budget. */
    public BaselineDetector baseline(SeriesKey series) {
        watched.incrementAndGet();
        BaselineSettings s = settingsFor(series, shared);
        BaselineSettings settings = new BaselineSettings(s.learningPeriod(), s.learningSamples(), s.nominalInterval(),
                s.budget(), s.range(), s.floor(), s.zone(), settleUntilMillis);
        BaselineState state = restored.get(series);
        return state == null ? new BaselineDetector(settings) : new BaselineDetector(settings, state);
    }

    /**
     * The settings the daemon gives a series; {@code budget} says how its false alarms are counted (the
     * daemon shares one budget among its series; replaying a file gives each series the whole of it).
     */
    public BaselineSettings settingsFor(SeriesKey series, FalseAlarmBudget budget) {
        Optional<MetricDescriptor> d = catalog.find(series.metric());
        return new BaselineSettings(detection.learningPeriod(), 0, detection.interval(), budget,
                d.map(m -> ValueRange.of(m.unit())).orElse(ValueRange.ANY), d.map(m -> m.unit().minScale()).orElse(0.0),
                zone);
    }

    /** Every detector for a series the daemon watches. */
    public SeriesDetectors forSeries(SeriesKey series) {
        return new SeriesDetectors(series, baseline(series), pinned(series), ownWork);
    }

    /**
     * The same detectors for a series replayed from a file: it learns for {@code learningPeriod} and
     * {@code learningSamples} (zero for either means no such bound) and has the host's whole false-alarm budget to
     * itself, as if it were the only series watched.
     */
    public SeriesDetectors forReplay(SeriesKey series, Duration learningPeriod, long learningSamples, Duration interval) {
        BaselineSettings d = settingsFor(series, FalseAlarmBudget.fixed(hostBudget()));
        BaselineSettings s = new BaselineSettings(learningPeriod, learningSamples, interval, d.budget(), d.range(),
                d.floor(), d.zone());
        return new SeriesDetectors(series, new BaselineDetector(s), pinned(series));
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

    /** The host's false alarms per day from chance, by {@code detection.sensitivity}. */
    public double hostBudget() {
        return Sensitivities.falseAlarmsPerDay(detection.sensitivity());
    }
}
