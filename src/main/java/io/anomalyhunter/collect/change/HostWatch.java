package io.anomalyhunter.collect.change;

import io.anomalyhunter.change.Change;
import java.time.Instant;
import java.util.List;

/**
 * One source of the change feed, polled on the collection schedule. Its first poll learns what is there and
 * reports nothing (a restart is not a change); later polls report the differences. Not thread-safe.
 */
interface HostWatch {
    /** Names it in logs and states ("processes", "dpkg.log"). */
    String name();

    List<Change> poll(Instant now);
}
