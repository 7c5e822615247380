package io.anomalyhunter.cli;

import io.anomalyhunter.config.AppConfig;
import io.anomalyhunter.daemon.DaemonWiring;
import io.anomalyhunter.detect.AnomalyTracker;
import io.anomalyhunter.detect.DetectorFactory;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The daemon's detectors and tracker, built from a config for series replayed from files: the same factory
 * the daemon uses, with file time read as UTC and nothing restored.
 */
final class ReplayChains {
    private final AppConfig config;
    private final DetectorFactory factory;

    ReplayChains(AppConfig config) {
        this.config = config;
        this.factory = new DetectorFactory(config.detection(), config.metrics(), DaemonWiring.metricCatalog(),
                ZoneOffset.UTC, Map.of());
    }

    DetectorFactory factory() {
        return factory;
    }

    /** A fresh tracker numbering anomalies from 1, with the config's minimum confidence. */
    AnomalyTracker tracker() {
        AtomicLong ids = new AtomicLong();
        return AnomalyTracker.forDetection(ids::incrementAndGet, config.detection().minConfidence());
    }
}
