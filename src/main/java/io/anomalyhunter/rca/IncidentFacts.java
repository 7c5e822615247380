package io.anomalyhunter.rca;

import io.anomalyhunter.change.Change;
import io.anomalyhunter.detect.Anomaly;
import io.anomalyhunter.incident.Incident;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the store holds about one incident, gathered before the analysis (which does no I/O): its anomalies, the
 * changes in the window before its onset up to its end (with their ids), the process snapshots taken when its
 * anomalies opened (by anomaly id), and the correlation window that bounds "just before".
 */
public record IncidentFacts(Incident incident, List<Anomaly> anomalies, List<StoredChange> changes,
                            Map<Long, List<ProcessSnapshot>> snapshots, Duration window) {
    /** A change with the id the store gave it. */
    public record StoredChange(long id, Change change) {
    }

    /** One process as a snapshot saw it (the pipeline's ProcessUsage, copied so this package needs no pipeline). */
    public record ProcessSnapshot(int pid, String name, String commandLine, double cpuPercent, long rssBytes,
                                  double ioBytesPerSecond, String owner, long openFiles, long openFilesLimit,
                                  double rssGrowthBytesPerSecond, String writtenFile, long writtenFileBytes) {
        public ProcessSnapshot {
            writtenFile = writtenFile == null ? "" : writtenFile;
        }

        /** A process not seen writing a file. */
        public ProcessSnapshot(int pid, String name, String commandLine, double cpuPercent, long rssBytes,
                               double ioBytesPerSecond, String owner, long openFiles, long openFilesLimit,
                               double rssGrowthBytesPerSecond) {
            this(pid, name, commandLine, cpuPercent, rssBytes, ioBytesPerSecond, owner, openFiles, openFilesLimit,
                    rssGrowthBytesPerSecond, "", -1);
        }

        /** The share of its open-file limit in use, 0..1; 0 where either figure is unknown. */
        public double openFilesShare() {
            return openFiles < 0 || openFilesLimit <= 0 ? 0 : Math.min(1, (double) openFiles / openFilesLimit);
        }

        /**
         * The resident set it would have in a minute at the rate it grew in the snapshot: a process growing its memory
         * ranks ahead of a larger one that holds still (the JVMs beside it are often larger at first).
         */
        public double rssInAMinute() {
            return rssBytes + Math.max(0, rssGrowthBytesPerSecond) * 60;
        }
    }

    public IncidentFacts {
        anomalies = List.copyOf(anomalies);
        changes = List.copyOf(changes);
        snapshots = Map.copyOf(snapshots);
    }
}
