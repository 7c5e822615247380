package io.anomalyhunter.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.anomalyhunter.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The scorer against the table in ../shared/data/nab-dev/reference/README.md: NAB's published results
 * of two detectors on the dev subset, swept and normalised as NAB does.
 */
class NabScorerReferenceTest {
    static final Path NAB = SharedData.DIR.resolve("data/nab-dev");

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "numenta, standard, 75.52, 0.5430991451, 32.6640, 55, 59, 9",
            "numenta, reward_low_FP_rate, 70.68, 0.5430991451, 26.4729, 55, 59, 9",
            "numenta, reward_low_FN_rate, 78.99, 0.5430991451, 23.6640, 55, 59, 9",
            "windowedGaussian, standard, 41.42, 1, -10.9769, 40, 195, 24",
            "windowedGaussian, reward_low_FP_rate, 26.48, 1, -30.1096, 39, 177, 25",
            "windowedGaussian, reward_low_FN_rate, 48.45, 1, -34.9769, 40, 195, 24"})
    void reproducesThePublishedScoresOnTheDevSubset(String detector, String profileName, double normalised,
                                                    double threshold, double raw, int tp, int fp, int fn) throws Exception {
        SharedData.require(NAB, "NAB data");
        NabProfile profile = NabProfile.ALL.stream().filter(p -> p.name().equals(profileName)).findFirst().orElseThrow();
        NabScore s = new NabScorer().sweep(referenceFiles(detector), profile);
        assertEquals(normalised, round(s.normalised(), 2), s.toString());
        assertEquals(threshold, s.threshold(), 1e-9, s.toString());
        assertEquals(raw, round(s.raw(), 4), s.toString());
        assertEquals(List.of(tp, fp, fn), List.of(s.tp(), s.fp(), s.fn()), s.toString());
    }

    private static double round(double v, int places) {
        return Double.parseDouble(String.format(Locale.ROOT, "%." + places + "f", v));
    }

    static List<NabFile> referenceFiles(String detector) throws Exception {
        NabLabels labels = NabLabels.read(NAB.resolve("combined_windows.json"));
        Path dir = NAB.resolve("reference").resolve(detector);
        List<NabFile> files = new ArrayList<>();
        try (Stream<Path> categories = Files.list(dir)) {
            for (Path category : categories.sorted().toList()) {
                try (Stream<Path> csvs = Files.list(category)) {
                    for (Path csv : csvs.sorted().toList()) {
                        String name = category.getFileName() + "/" + csv.getFileName().toString().substring(detector.length() + 1);
                        CsvSeries scores = new CsvSeriesReader().read(csv).stream()
                                .filter(c -> c.column().equals("anomaly_score")).findFirst().orElseThrow();
                        files.add(new NabFile(name, scores.timestampText().stream().map(NabLabels::stamp).toList(),
                                scores.values(), labels.windowsOf(name)));
                    }
                }
            }
        }
        assertEquals(41, files.size());
        return files;
    }
}
