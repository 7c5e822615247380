package io.anomalyhunter.daemon;

import io.anomalyhunter.api.EventStream;
import io.anomalyhunter.change.ChangeSink;
import io.anomalyhunter.collect.Collector;
import io.anomalyhunter.collect.CollectorSet;
import io.anomalyhunter.collect.CollectorState;
import io.anomalyhunter.collect.cgroup.CgroupCollector;
import io.anomalyhunter.collect.cgroup.ContainerDirectory;
import io.anomalyhunter.collect.change.ChangeCollector;
import io.anomalyhunter.collect.docker.DockerCollector;
import io.anomalyhunter.collect.docker.DockerEngine;
import io.anomalyhunter.collect.host.HostCollector;
import io.anomalyhunter.collect.net.NetworkCollector;
import io.anomalyhunter.config.AppConfig;
import io.anomalyhunter.config.ConfigLoader;
import io.anomalyhunter.detect.change.ContainerTroubleWatch;
import io.anomalyhunter.pipeline.ChangeRecorder;
import io.anomalyhunter.pipeline.Pipeline;
import io.anomalyhunter.store.StoreWriter;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Which collectors run, in which order, and how the change feed's sources reach the store and the watchers. */
final class CollectorWiring {
    private CollectorWiring() {
    }

    static CollectorSet collectors(AppConfig config, NetworkCollector network, Pipeline pipeline, StoreWriter writer,
                                   EventStream events, LateContainerDirectory late) {
        List<Collector> list = new ArrayList<>();
        list.add(config.collectors().hostEnabled() ? new HostCollector() : off(HostCollector.NAME, "collectors.host.enabled=false"));
        ChangeSink changes = new ChangeRecorder(writer, List.of(events),
                new ContainerTroubleWatch(pipeline));
        List<DockerCollector> runtimes = new ArrayList<>();
        for (String name : List.of("docker", "podman")) {
            AppConfig.Runtime r = name.equals("docker") ? config.collectors().docker() : config.collectors().podman();
            if (r.enabled()) {
                DockerCollector c = new DockerCollector(name, new DockerEngine(r.socket()), changes, InstantSource.system());
                runtimes.add(c);
                list.add(c);
            } else {
                list.add(off(name, "collectors." + name + ".enabled=false"));
            }
        }
        ContainerDirectory names = (runtime, id) -> runtimes.stream().map(r -> r.find(runtime, id))
                .flatMap(Optional::stream).findFirst();
        late.set(names);
        list.add(config.collectors().cgroupsEnabled() ? CgroupCollector.forHost(names, changes)
                : off(CgroupCollector.NAME, "collectors.cgroups.enabled=false"));
        Optional<Path> file = config.source().equals(ConfigLoader.EMBEDDED) ? Optional.empty() : Optional.of(Path.of(config.source()));
        list.add(ChangeCollector.forHost(file, changes));
        list.add(network);
        return new CollectorSet(list);
    }

    private static Collector off(String name, String why) {
        return new DisabledCollector(new CollectorState(name, CollectorState.Status.DISABLED, why));
    }
}
