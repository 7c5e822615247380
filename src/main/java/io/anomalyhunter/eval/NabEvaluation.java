package io.anomalyhunter.eval;

import io.anomalyhunter.detect.AnomalyTracker;
import io.anomalyhunter.detect.SeriesDetectors;
import io.anomalyhunter.series.SeriesKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs the daemon's detector chain over every file of a NAB corpus, each file learning for NAB's
 * probationary period, and scores what the daemon would have alerted on (anomaly openings, with their
 * scores) with {@link NabScorer}: once with NAB's threshold sweep, and once as the daemon alerts (every
 * opening counts). Pure computation over loaded files.
 */
public final class NabEvaluation {
    /** The name result files carry, NAB style. */
    public static final String DETECTOR = "anomalyhunter";

    /** Builds the chain for one replayed series (the CLI passes the daemon's {@code DetectorFactory::forReplay}). */
    @FunctionalInterface
    public interface Chains {
        SeriesDetectors forReplay(SeriesKey series, Duration learningPeriod, long learningSamples, Duration interval);
    }

    /** One file: its replay and what NAB saw of it. */
    public record FileResult(NabCorpus.Entry entry, SeriesReplay.Result replay, NabFile scored) {
    }

    /** Everything measured: per file, the swept score per profile, and the score of every alert as it came. */
    public record Report(List<FileResult> files, List<NabScore> swept, List<NabScore> asAlerted) {
        public Report {
            files = List.copyOf(files);
            swept = List.copyOf(swept);
            asAlerted = List.copyOf(asAlerted);
        }
    }

    private NabEvaluation() {
    }

    public static Report evaluate(List<NabCorpus.Entry> corpus, Chains chains, Supplier<AnomalyTracker> trackers) {
        List<FileResult> results = new ArrayList<>();
        List<NabFile> scored = new ArrayList<>();
        for (NabCorpus.Entry e : corpus) {
            CsvSeries s = e.series();
            SeriesKey key = SeriesKey.of("value", "file", e.name());
            NabFile probe = new NabFile(e.name(), stamps(s), new double[s.size()], e.windows());
            SeriesDetectors chain = chains.forReplay(key, Duration.ZERO, probe.probationaryRows(), medianInterval(s.times()));
            SeriesReplay.Result replay = SeriesReplay.run(s, chain, trackers.get());
            double[] alerts = replay.rows().stream().mapToDouble(ReplayRow::alertScore).toArray();
            NabFile file = new NabFile(e.name(), probe.timestamps(), alerts, e.windows());
            results.add(new FileResult(e, replay, file));
            scored.add(file);
        }
        NabScorer scorer = new NabScorer();
        List<NabScore> swept = new ArrayList<>();
        List<NabScore> alerted = new ArrayList<>();
        for (NabProfile p : NabProfile.ALL) {
            swept.add(scorer.sweep(scored, p));
            alerted.add(scorer.at(scored, p, Double.MIN_NORMAL));
        }
        return new Report(results, swept, alerted);
    }

    private static List<java.time.LocalDateTime> stamps(CsvSeries s) {
        return s.timestampText().stream().map(NabLabels::stamp).toList();
    }

    /** The median step between rows; a file of one row gets a minute. */
    public static Duration medianInterval(Instant[] times) {
        long[] steps = new long[Math.max(0, times.length - 1)];
        int n = 0;
        for (int i = 1; i < times.length; i++) {
            long ms = times[i].toEpochMilli() - times[i - 1].toEpochMilli();
            if (ms > 0) {
                steps[n++] = ms;
            }
        }
        if (n == 0) {
            return Duration.ofMinutes(1);
        }
        long[] sorted = Arrays.copyOf(steps, n);
        Arrays.sort(sorted);
        return Duration.ofMillis(sorted[n / 2]);
    }
}
