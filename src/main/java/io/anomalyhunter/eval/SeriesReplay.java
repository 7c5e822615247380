package io.anomalyhunter.eval;

import io.anomalyhunter.detect.Anomaly;
import io.anomalyhunter.detect.AnomalyChange;
import io.anomalyhunter.detect.AnomalyTracker;
import io.anomalyhunter.detect.SeriesDetectors;
import io.anomalyhunter.detect.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Streams one series from a file through the daemon's detector chain ({@link SeriesDetectors} and an
 * {@link AnomalyTracker}) row by row, as the daemon would have seen it live. Rows are taken in file order; a
 * timestamp that goes backward is taken as the previous one (the reader has warned about it), so time never
 * runs backward for the detectors. Pure computation.
 */
public final class SeriesReplay {
    private SeriesReplay() {
    }

    /** What a replay produced: a row per input row and the anomalies, in the order they opened. */
    public record Result(List<ReplayRow> rows, List<Anomaly> anomalies) {
        public Result {
            rows = List.copyOf(rows);
            anomalies = List.copyOf(anomalies);
        }
    }

    public static Result run(CsvSeries series, SeriesDetectors detectors, AnomalyTracker tracker) {
        List<ReplayRow> rows = new ArrayList<>(series.size());
        Map<Long, Anomaly> anomalies = new LinkedHashMap<>();
        Instant last = Instant.MIN;
        String detector = detectors.baseline().name();
        for (int i = 0; i < series.size(); i++) {
            Instant t = series.times()[i].isAfter(last) ? series.times()[i] : last;
            last = t;
            double value = series.values()[i];
            double[] opened = {0};
            Verdict v = detectors.judge(t, value, tracker, change -> {
                Anomaly a = change.anomaly();
                anomalies.put(a.id(), a);
                if (change.kind() == AnomalyChange.Kind.OPENED && a.detector().equals(detector)) {
                    opened[0] = a.score();
                }
            });
            OptionalLong open = tracker.openId(detectors.series(), detector);
            long id = open.isPresent() ? open.getAsLong() : 0;
            rows.add(new ReplayRow(series.timestampText().get(i), value, v.score(), v.anomalous(), v.expectedLow(),
                    v.expectedHigh(), id, opened[0]));
        }
        tracker.closeAll().forEach(c -> anomalies.put(c.anomaly().id(), c.anomaly()));
        return new Result(rows, new ArrayList<>(anomalies.values()));
    }
}
