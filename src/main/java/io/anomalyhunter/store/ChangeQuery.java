package io.anomalyhunter.store;

import io.anomalyhunter.change.Change;
import java.util.List;

/** Reads the stored change feed. Thread-safe. */
public interface ChangeQuery {
    /** A stored change with its id (ids grow with insertion). */
    record Entry(long id, Change change) {
    }

    List<Entry> find(ChangeFilter filter);
}
