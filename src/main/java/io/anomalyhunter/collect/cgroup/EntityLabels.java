package io.anomalyhunter.collect.cgroup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The labels an entity's series carry (name/value pairs). */
final class EntityLabels {
    static final String COMPOSE_PROJECT = "com.docker.compose.project";
    static final String COMPOSE_SERVICE = "com.docker.compose.service";

    private EntityLabels() {
    }

    static List<String> of(CgroupEntity e, Optional<ContainerDirectory.Container> known) {
        return switch (e.kind()) {
            case SERVICE -> List.of("service", e.id());
            case CGROUP -> List.of("cgroup", e.id());
            case CONTAINER -> container(e, known);
        };
    }

    private static List<String> container(CgroupEntity e, Optional<ContainerDirectory.Container> known) {
        if (known.isEmpty()) {
            return List.of("container", e.id().substring(0, Math.min(12, e.id().length())));
        }
        ContainerDirectory.Container c = known.get();
        List<String> out = new ArrayList<>(List.of("container", c.name()));
        if (!c.image().isEmpty()) {
            out.addAll(List.of("image", c.image()));
        }
        String project = c.labels().get(COMPOSE_PROJECT);
        String service = c.labels().get(COMPOSE_SERVICE);
        if (project != null && service != null) {
            out.addAll(List.of("compose_project", project, "compose_service", service));
        }
        return out;
    }
}
