package io.anomalyhunter.store;

import java.util.List;

/**
 * The schema, one entry per version; entry i brings a database from user_version i to i+1. Never edit
 * a released entry: append a new one.
 */
final class Migrations {
    static final List<String> STEPS = List.of(
            """
            CREATE TABLE series(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, metric TEXT NOT NULL,
                                first_seen INTEGER NOT NULL);
            CREATE TABLE samples(series_id INTEGER NOT NULL, ts INTEGER NOT NULL, value REAL NOT NULL,
                                 PRIMARY KEY(series_id, ts)) WITHOUT ROWID;
            CREATE TABLE rollups_1m(series_id INTEGER NOT NULL, ts INTEGER NOT NULL, min REAL NOT NULL,
                                    max REAL NOT NULL, sum REAL NOT NULL, count INTEGER NOT NULL,
                                    PRIMARY KEY(series_id, ts)) WITHOUT ROWID;
            CREATE TABLE baselines(series_key TEXT PRIMARY KEY, state BLOB NOT NULL, updated INTEGER NOT NULL);
            CREATE TABLE anomalies(id INTEGER PRIMARY KEY, series_key TEXT NOT NULL, metric TEXT NOT NULL,
                                   detector TEXT NOT NULL, start_ms INTEGER NOT NULL, end_ms INTEGER,
                                   peak_value REAL, peak_ms INTEGER NOT NULL, expected_low REAL, expected_high REAL,
                                   score REAL NOT NULL, confidence REAL NOT NULL, reason TEXT NOT NULL);
            CREATE INDEX anomalies_start ON anomalies(start_ms);
            CREATE TABLE incidents(id INTEGER PRIMARY KEY, start_ms INTEGER NOT NULL, end_ms INTEGER,
                                   severity TEXT NOT NULL, max_score REAL NOT NULL, title TEXT NOT NULL,
                                   anomaly_ids TEXT NOT NULL, series TEXT NOT NULL);
            CREATE INDEX incidents_start ON incidents(start_ms);
            """,
            // 2: which anomaly-hunter versions wrote this file, for upgrades and support.
            """
            CREATE TABLE metadata(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            """,
            // 3: the durable queue (SqliteQueue). state: ready, done (kept for dedup until purged), dead.
            // available_ms doubles as the lease: a leased message is ready again once its lease ends.
            """
            CREATE TABLE queue(id INTEGER PRIMARY KEY, topic TEXT NOT NULL, payload TEXT NOT NULL, dedup_key TEXT,
                               state TEXT NOT NULL, attempts INTEGER NOT NULL, created_ms INTEGER NOT NULL,
                               available_ms INTEGER NOT NULL, done_ms INTEGER, last_error TEXT);
            CREATE INDEX queue_ready ON queue(topic, available_ms) WHERE state='ready';
            CREATE UNIQUE INDEX queue_dedup ON queue(topic, dedup_key) WHERE dedup_key IS NOT NULL;
            """,
            // 4: the band the baseline expected over each minute, so charts of the past show it as it was then.
            """
            ALTER TABLE rollups_1m ADD COLUMN band_low REAL;
            ALTER TABLE rollups_1m ADD COLUMN band_high REAL;
            """,
            // 5: mark the file as ours, so another application's SQLite file is never taken for it (DatabaseFile).
            "PRAGMA application_id=" + DatabaseFile.APPLICATION_ID,
            // 6: the change feed (what changed on the host); details are a JSON object of strings.
            """
            CREATE TABLE changes(id INTEGER PRIMARY KEY, ts_ms INTEGER NOT NULL, kind TEXT NOT NULL, subject TEXT NOT NULL,
                                 summary TEXT NOT NULL, details TEXT NOT NULL, source TEXT NOT NULL);
            CREATE INDEX changes_ts ON changes(ts_ms);
            """,
            // 7: the busiest processes when an anomaly opened (JSON array), for the root-cause analysis.
            """
            CREATE TABLE process_snapshots(anomaly_id INTEGER PRIMARY KEY, taken_ms INTEGER NOT NULL, processes TEXT NOT NULL);
            """,
            // 8: models trained on this host (the isolation forest), every version kept until pruned: ONNX bytes
            // and their metadata (JSON), so a restart scores with the model it had instead of learning again.
            """
            CREATE TABLE models(name TEXT NOT NULL, version INTEGER NOT NULL, created_ms INTEGER NOT NULL,
                                sha256 TEXT NOT NULL, metadata TEXT NOT NULL, onnx BLOB NOT NULL,
                                PRIMARY KEY(name, version));
            """,
            // 9: root-cause reports, the latest per incident (JSON as the API serves it), written by the RCA jobs.
            """
            CREATE TABLE reports(incident_id INTEGER PRIMARY KEY, created_ms INTEGER NOT NULL, source TEXT NOT NULL,
                                 body TEXT NOT NULL);
            """);

    private Migrations() {
    }

    static int latestVersion() {
        return STEPS.size();
    }
}
