package io.anomalyhunter.series;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Every metric name the daemon can produce, so config and API can check names and units. */
public final class MetricCatalog {
    private final Map<String, MetricDescriptor> byName;

    public MetricCatalog(Collection<MetricDescriptor> descriptors) {
        Map<String, MetricDescriptor> m = new LinkedHashMap<>();
        for (MetricDescriptor d : descriptors) {
            if (m.putIfAbsent(d.name(), d) != null) {
                throw new IllegalArgumentException("metric " + d.name() + " is described twice");
            }
        }
        this.byName = Collections.unmodifiableMap(m);
    }

    public Optional<MetricDescriptor> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    public Collection<MetricDescriptor> all() {
        return byName.values();
    }
}
