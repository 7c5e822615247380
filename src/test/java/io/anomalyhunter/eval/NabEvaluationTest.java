package io.anomalyhunter.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.config.AppConfig;
import io.anomalyhunter.config.ConfigLoader;
import io.anomalyhunter.detect.AnomalyTracker;
import io.anomalyhunter.detect.DetectorFactory;
import io.anomalyhunter.series.MetricCatalog;
import io.anomalyhunter.testing.SharedData;
import java.nio.file.Files;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The daemon's default detection over the shared NAB development subset, scored as {@code eval nab} scores it
 * (the acceptance figures of docs/evaluation.md), and silence on the files that hold no anomaly.
 */
class NabEvaluationTest {
    private static NabEvaluation.Report report;

    @BeforeAll
    static void evaluate() throws Exception {
        SharedData.require(NabScorerReferenceTest.NAB, "NAB data");
        AppConfig defaults = new ConfigLoader(m -> true).defaults();
        DetectorFactory factory = new DetectorFactory(defaults.detection(), List.of(), new MetricCatalog(List.of()),
                ZoneOffset.UTC, Map.of());
        List<NabCorpus.Entry> corpus = NabCorpus.load(NabScorerReferenceTest.NAB,
                NabScorerReferenceTest.NAB.resolve("combined_windows.json"));
        report = NabEvaluation.evaluate(corpus, factory::forReplay, () -> {
            AtomicLong ids = new AtomicLong();
            return AnomalyTracker.forDetection(ids::incrementAndGet, defaults.detection().minConfidence());
        });
    }

    @Test
    void scoresAtLeastTheAcceptanceFiguresWithTheDefaultConfiguration() {
        NabScore standard = report.swept().get(0);
        NabScore lowFp = report.swept().get(1);
        assertEquals(NabProfile.STANDARD, standard.profile());
        assertTrue(standard.normalised() >= 70, "standard " + standard);
        assertTrue(lowFp.normalised() >= 60, "reward_low_FP_rate " + lowFp);
    }

    @Test
    void filesWithoutAnomaliesRaiseNoneAfterLearning() {
        for (NabEvaluation.FileResult f : report.files()) {
            if (f.entry().name().startsWith("artificialNoAnomaly/")) {
                int probation = f.scored().probationaryRows();
                List<ReplayRow> rows = f.replay().rows();
                for (int i = probation; i < rows.size(); i++) {
                    assertTrue(!rows.get(i).anomalous(), f.entry().name() + ": anomalous at row " + (i + 2) + " "
                            + rows.get(i));
                }
            }
        }
    }
}
