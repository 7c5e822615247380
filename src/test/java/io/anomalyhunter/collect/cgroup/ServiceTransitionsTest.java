package io.anomalyhunter.collect.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.anomalyhunter.change.Change;
import io.anomalyhunter.change.ChangeKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceTransitionsTest {
    private static final Instant T = Instant.parse("2026-12-02T06:00:00Z");

    private static CgroupEntity service(String unit) {
        return new CgroupEntity(CgroupEntity.Kind.SERVICE, unit, "", "/system.slice/" + unit);
    }

    @Test
    void theFirstLookLearnsThenUnitsThatAppearStartedAndThoseThatGoStopped() {
        ServiceTransitions t = new ServiceTransitions();
        CgroupEntity box = new CgroupEntity(CgroupEntity.Kind.CGROUP, "/batch", "", "/batch");
        assertEquals(List.of(), t.next(List.of(service("ssh.service"), service("cron.service")), T));
        List<Change> next = t.next(List.of(service("ssh.service"), service("nginx.service"), box), T.plusSeconds(1));
        assertEquals(List.of("nginx.service started", "cron.service stopped (its cgroup is gone)"),
                next.stream().map(c -> c.subject() + " " + c.summary()).toList());
        assertEquals(ChangeKind.UNIT, next.get(0).kind());
        assertEquals("/system.slice/nginx.service", next.get(0).details().get("cgroup"));
        assertEquals(List.of(), t.next(List.of(service("ssh.service"), service("nginx.service")), T.plusSeconds(2)),
                "a hand-made cgroup going is not a unit");
    }

    @Test
    void afterForgettingTheNextLookLearnsAgain() {
        ServiceTransitions t = new ServiceTransitions();
        t.next(List.of(service("ssh.service")), T);
        t.forget();
        assertEquals(List.of(), t.next(List.of(service("nginx.service")), T.plusSeconds(1)));
    }
}
