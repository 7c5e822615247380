package io.anomalyhunter.eval;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Writes NAB result files, one per data file: {@code <out>/<detector>/<category>/<detector>_<file>.csv} with
 * {@code timestamp,value,anomaly_score,label} (label 1 inside a window), as NAB's own results are laid out.
 */
public final class NabResultWriter {
    private NabResultWriter() {
    }

    public static void write(Path out, NabEvaluation.Report report) throws IOException {
        for (NabEvaluation.FileResult f : report.files()) {
            String name = f.entry().name();
            int slash = name.indexOf('/');
            Path dir = out.resolve(NabEvaluation.DETECTOR).resolve(slash < 0 ? "" : name.substring(0, slash));
            Files.createDirectories(dir);
            Path file = dir.resolve(NabEvaluation.DETECTOR + "_" + name.substring(slash + 1));
            boolean[] inWindow = windowRows(f.scored());
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                w.write("timestamp,value,anomaly_score,label\n");
                List<ReplayRow> rows = f.replay().rows();
                for (int i = 0; i < rows.size(); i++) {
                    ReplayRow r = rows.get(i);
                    w.write(r.timestamp() + "," + r.value() + "," + r.alertScore() + "," + (inWindow[i] ? 1 : 0) + "\n");
                }
            }
        }
    }

    /** Rows inside a window, found as NAB finds them: the first row with each bound's timestamp. */
    static boolean[] windowRows(NabFile f) {
        boolean[] in = new boolean[f.timestamps().size()];
        for (NabWindow w : f.windows()) {
            List<LocalDateTime> ts = f.timestamps();
            int a = ts.indexOf(w.start());
            int b = ts.indexOf(w.end());
            for (int i = Math.max(a, 0); i <= b && a >= 0; i++) {
                in[i] = true;
            }
        }
        return in;
    }
}
