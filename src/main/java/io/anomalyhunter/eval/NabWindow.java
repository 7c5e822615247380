package io.anomalyhunter.eval;

import java.time.LocalDateTime;
import java.util.Objects;

/** A labelled anomaly window of one NAB file; both ends are rows of the file and both are inside. */
public record NabWindow(LocalDateTime start, LocalDateTime end) {
    public NabWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("window ends (" + end + ") before it starts (" + start + ")");
        }
    }
}
