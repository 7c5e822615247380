package io.anomalyhunter.pipeline;

import io.anomalyhunter.detect.AnomalyChange;
import io.anomalyhunter.detect.AnomalyTracker;
import io.anomalyhunter.detect.BaselineDetector;
import io.anomalyhunter.detect.DetectorFactory;
import io.anomalyhunter.detect.SeriesDetectors;
import io.anomalyhunter.detect.Verdict;
import io.anomalyhunter.detect.VerdictSink;
import io.anomalyhunter.detect.state.BaselineState;
import io.anomalyhunter.incident.IncidentChange;
import io.anomalyhunter.incident.IncidentCorrelator;
import io.anomalyhunter.series.Rollup;
import io.anomalyhunter.series.Sample;
import io.anomalyhunter.series.SeriesKey;
import io.anomalyhunter.store.IncidentRecorder;
import io.anomalyhunter.store.OpenRecords;
import io.anomalyhunter.store.StoreWrite;
import io.anomalyhunter.store.StoreWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Takes samples from collectors, runs every series' detectors inline, turns verdicts into anomalies and
 * incidents, and hands all of it to the store writer and the listeners. Everything here is in memory;
 * the disk is behind the writer's queue. One lock serialises batches, which is plenty for host metrics
 * (a few hundred samples per interval) and keeps detector state single-threaded.
 */
public final class Pipeline implements SampleSink, VerdictSink, LiveView {
    private final DetectorFactory detectors;
    private final AnomalyTracker tracker;
    private final IncidentCorrelator correlator;
    private final StoreWriter writer;
    private final IncidentRecorder incidents;
    private final List<PipelineListener> listeners;
    private final PipelineStats stats;
    private final Map<SeriesKey, SeriesState> series = new LinkedHashMap<>();
    private final AnomalyRate anomalyRate = new AnomalyRate("baseline");
    private final java.time.Duration resumeGrace;
    private static final java.time.Duration DEFAULT_RESUME_GRACE = java.time.Duration.ofMinutes(1);
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(Pipeline.class.getName());

    public Pipeline(DetectorFactory detectors, AnomalyTracker tracker, IncidentCorrelator correlator, StoreWriter writer,
                    List<PipelineListener> listeners, PipelineStats stats) {
        this(detectors, tracker, correlator, writer, listeners, stats, DEFAULT_RESUME_GRACE);
    }

    /**
     * @param resumeGrace how long after the first samples of a run an anomaly the previous run left open may stay
     *        unheard of (its series gone) before it is closed
     */
    public Pipeline(DetectorFactory detectors, AnomalyTracker tracker, IncidentCorrelator correlator, StoreWriter writer,
                    List<PipelineListener> listeners, PipelineStats stats, java.time.Duration resumeGrace) {
        this.resumeGrace = resumeGrace;
        this.detectors = detectors;
        this.tracker = tracker;
        this.correlator = correlator;
        this.writer = writer;
        this.incidents = new IncidentRecorder(writer);
        this.listeners = List.copyOf(listeners);
        this.stats = stats;
    }

    @Override
    public synchronized void accept(List<Sample> batch) {
        if (batch.isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        List<Rollup> rollups = new ArrayList<>();
        Instant latest = batch.get(0).time();
        for (Sample s : batch) {
            SeriesState st = series.computeIfAbsent(s.series(), this::newSeries);
            st.latest = s;
            Verdict v = st.detectors.judge(s.time(), s.value(), tracker, this::publish);
            st.rollup.add(s.time(), s.value(), v.expectedLow(), v.expectedHigh()).ifPresent(rollups::add);
            if (s.time().isAfter(latest)) {
                latest = s.time();
            }
        }
        Optional<Sample> rate = anomalyRate.sample(latest, series.keySet(), tracker);
        if (rate.isPresent()) {
            SeriesState st = series.computeIfAbsent(AnomalyRate.SERIES, k -> new SeriesState(null, null, new MinuteRollup(k)));
            st.latest = rate.get();
            st.rollup.add(rate.get().time(), rate.get().value(), Double.NaN, Double.NaN).ifPresent(rollups::add);
            List<Sample> withRate = new ArrayList<>(batch);
            withRate.add(rate.get());
            batch = withRate;
        }
        tracker.closeUnheard(latest, resumeGrace).forEach(this::publish);
        correlator.tick(latest).forEach(this::publish);
        stats.batchDone(batch.size(), System.nanoTime() - t0);
        writer.submit(new StoreWrite.Samples(batch));
        if (!rollups.isEmpty()) {
            writer.submit(new StoreWrite.Rollups(rollups));
        }
    }

    /** Verdicts of detectors that see more than one series (packets, models) join the same anomaly and incident path. */
    @Override
    public synchronized void verdict(SeriesKey series, String detector, Instant time, double value, Verdict verdict) {
        tracker.observe(series, detector, time, value, verdict).ifPresent(this::publish);
        tracker.closeUnheard(time, resumeGrace).forEach(this::publish);
        correlator.tick(time).forEach(this::publish);
    }

    /** Saves every baseline through the writer (periodically and at shutdown). */
    public synchronized void saveBaselines() {
        Map<SeriesKey, BaselineState> states = new HashMap<>();
        series.forEach((k, st) -> {
            if (st.baseline != null && st.baseline.warmedUp()) {
                states.put(k, st.baseline.state());
            }
        });
        if (!states.isEmpty()) {
            writer.submit(new StoreWrite.Baselines(states));
        }
    }

    /**
     * Takes over what the previous run left open: its anomalies resume when their series is anomalous again
     * and close otherwise ("closed at restart"), and its incidents resolve when their anomalies have ended, which
     * sends their resolved alerts.
     */
    public synchronized void resume(OpenRecords previous) {
        if (previous.isEmpty()) {
            return;
        }
        Instant last = previous.lastObserved().orElse(Instant.EPOCH);
        tracker.resume(previous.anomalies(), last);
        correlator.resume(previous.incidents(), previous.members());
        LOG.info("resuming " + previous.anomalies().size() + " anomalies and " + previous.incidents().size()
                + " incidents left open by the previous run (it last observed at " + last + ")");
    }

    /**
     * Shutdown: write the unfinished rollups and the baselines. Open anomalies and incidents stay open in the
     * store, cut off; the next start resumes or closes them.
     */
    public synchronized void drain() {
        if (tracker.openCount() > 0) {
            LOG.info("stopping with " + tracker.openCount() + " anomalies and " + correlator.openCount()
                    + " incidents open; the next start resumes or closes them");
        }
        List<Rollup> rollups = new ArrayList<>();
        series.values().forEach(st -> st.rollup.flush().ifPresent(rollups::add));
        if (!rollups.isEmpty()) {
            writer.submit(new StoreWrite.Rollups(rollups));
        }
        saveBaselines();
    }

    @Override
    public synchronized List<SeriesSnapshot> latest() {
        List<SeriesSnapshot> out = new ArrayList<>(series.size());
        series.forEach((k, st) -> out.add(new SeriesSnapshot(k, st.latest.time(), st.latest.value(),
                st.baseline != null && st.baseline.ready())));
        return out;
    }

    @Override
    public synchronized Optional<double[]> expectedBand(SeriesKey key, Instant time) {
        SeriesState st = series.get(key);
        return st == null || st.baseline == null ? Optional.empty() : Optional.of(st.baseline.expectedBand(time));
    }

    private SeriesState newSeries(SeriesKey key) {
        SeriesDetectors d = detectors.forSeries(key);
        return new SeriesState(d.baseline(), d, new MinuteRollup(key));
    }

    private void publish(AnomalyChange change) {
        if (change.kind() == AnomalyChange.Kind.OPENED) {
            stats.anomalyOpened();
        }
        writer.submit(new StoreWrite.AnomalyRow(change.anomaly()));
        for (PipelineListener l : listeners) {
            l.onAnomaly(change);
        }
        correlator.onAnomaly(change).ifPresent(this::publish);
    }

    private void publish(IncidentChange change) {
        if (change.kind() == IncidentChange.Kind.OPENED) {
            stats.incidentOpened();
        }
        incidents.record(change);
        for (PipelineListener l : listeners) {
            l.onIncident(change);
        }
    }

    /** One series: its detectors (none for a series made by the pipeline itself), rollup and latest sample. */
    private static final class SeriesState {
        final BaselineDetector baseline;
        final SeriesDetectors detectors;
        final MinuteRollup rollup;
        Sample latest;

        SeriesState(BaselineDetector baseline, SeriesDetectors detectors, MinuteRollup rollup) {
            this.baseline = baseline;
            this.detectors = detectors;
            this.rollup = rollup;
        }
    }
}
