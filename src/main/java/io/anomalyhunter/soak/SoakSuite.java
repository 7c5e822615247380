package io.anomalyhunter.soak;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The soak and fault suite (docs/reliability.md): runs each scenario against this same executable in a work
 * directory, prints what it tried, what was lost and its figures, and says whether anything was lost at all.
 */
public final class SoakSuite {
    /** How big the run is. */
    public record Settings(int kills, int idleConnections, int floodRequests, int fuzzCases, long fuzzSeed,
                           List<String> only) {
    }

    private final List<String> self;
    private final Function<Path, ConfigFuzz.Checked> checkConfig;

    /**
     * @param self the command line that starts this executable (java -jar …, or the native binary)
     * @param checkConfig check-config in this process: exit code and output for a file
     */
    public SoakSuite(List<String> self, Function<Path, ConfigFuzz.Checked> checkConfig) {
        this.self = List.copyOf(self);
        this.checkConfig = checkConfig;
    }

    /** Returns the number of things lost over all scenarios (0: all held). */
    public long run(Settings s, Path work) throws Exception {
        Files.createDirectories(work);
        List<ScenarioResult> results = new ArrayList<>();
        record Named(String name, Scenario scenario) {
        }
        List<Named> all = List.of(
                new Named("kill", dir -> new KillLoop(self, s.kills()).run(dir)),
                new Named("disk", dir -> new FullDisk(self).run(dir)),
                new Named("idle", dir -> new IdleFlood(self, s.idleConnections()).run(dir)),
                new Named("flood", dir -> new LogFlood(self, s.floodRequests()).run(dir)),
                new Named("fuzz", dir -> new ConfigFuzz(checkConfig, s.fuzzCases(), s.fuzzSeed()).run(dir)));
        for (Named n : all) {
            if (!s.only().isEmpty() && !s.only().contains(n.name())) {
                continue;
            }
            Path dir = Files.createDirectories(work.resolve(n.name()));
            System.out.println("== " + n.name() + " (work directory " + dir + ")");
            long t0 = System.nanoTime();
            ScenarioResult r;
            try {
                r = n.scenario().run(dir);
            } catch (Exception e) {
                r = new ScenarioResult(n.name(), "-", 1, List.of("the scenario itself failed: " + e), null);
            }
            print(r, (System.nanoTime() - t0) / 1e9);
            results.add(r);
        }
        long lost = results.stream().mapToLong(ScenarioResult::lost).sum();
        System.out.println(lost == 0 ? "soak: nothing lost" : "soak: " + lost + " lost (see above)");
        return lost;
    }

    private static void print(ScenarioResult r, double secs) {
        if (r.skipped() != null) {
            System.out.println(r.name() + ": skipped (" + r.skipped() + ")");
            return;
        }
        System.out.printf(Locale.ROOT, "%s: tried %s; lost %d (%.0f s)%n", r.name(), r.tried(), r.lost(), secs);
        r.figures().forEach(f -> System.out.println("  " + f));
    }

    private interface Scenario {
        ScenarioResult run(Path dir) throws Exception;
    }
}
