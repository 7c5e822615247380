package io.anomalyhunter.collect.cgroup;

import static io.anomalyhunter.collect.cgroup.CgroupStats.UNKNOWN;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Reads figures from one cgroup directory: a missing file is an unknown figure, a malformed one is told. */
final class FileFigures {
    private final Path dir;
    private final CgroupTree.Problems problems;

    FileFigures(Path dir, CgroupTree.Problems problems) {
        this.dir = dir;
        this.problems = problems;
    }

    long single(String name) {
        Long v = parse(name, CgroupFiles::single);
        return v == null ? UNKNOWN : v;
    }

    Map<String, Long> keyed(String name) {
        Map<String, Long> v = parse(name, CgroupFiles::keyed);
        return v == null ? Map.of() : v;
    }

    /** v2 io.stat; null when unknown. */
    CgroupFiles.Io io() {
        return parse("io.stat", CgroupFiles::v2Io);
    }

    /** v1 blkio throttle file as {read, write}; null when unknown. */
    long[] blkio(String name) {
        return parse(name, CgroupFiles::v1Blkio);
    }

    private <T> T parse(String name, Function<String, T> parser) {
        Optional<String> text = CgroupFileReader.text(dir.resolve(name));
        if (text.isEmpty()) {
            return null;
        }
        try {
            return parser.apply(text.get());
        } catch (MalformedCgroupFileException e) {
            problems.malformed(dir.resolve(name).toString(), e.getMessage());
            return null;
        }
    }
}
