package io.anomalyhunter.collect.host;

import io.anomalyhunter.collect.Collector;
import io.anomalyhunter.collect.CollectorState;
import io.anomalyhunter.pipeline.SampleSink;
import java.time.Instant;
import java.util.logging.Logger;

/** Host metrics (procfs, OSHI for discovery): CPU, load, memory, disks, filesystems, NICs, TCP/UDP, processes. */
public final class HostCollector implements Collector {
    private static final Logger LOG = Logger.getLogger(HostCollector.class.getName());
    public static final String NAME = "host";

    private final HostSampler sampler = new HostSampler();
    private ProcfsHostReader reader;
    private volatile CollectorState state;
    private boolean failingLogged;

    public HostCollector() {
        try {
            reader = new ProcfsHostReader();
            state = new CollectorState(NAME, CollectorState.Status.RUNNING, "procfs + OSHI");
        } catch (RuntimeException | LinkageError e) {
            state = new CollectorState(NAME, CollectorState.Status.DISABLED, "cannot read host metrics: " + e);
            LOG.warning("host collector disabled: cannot read host metrics here: " + e);
        }
    }

    @Override
    public CollectorState state() {
        return state;
    }

    @Override
    public void collect(Instant now, SampleSink sink) {
        if (reader == null) {
            return;
        }
        try {
            sink.accept(sampler.samples(reader.read(), now));
            if (failingLogged) {
                LOG.info("host collector reads again");
                failingLogged = false;
                state = new CollectorState(NAME, CollectorState.Status.RUNNING, "procfs + OSHI");
            }
        } catch (RuntimeException e) {
            state = new CollectorState(NAME, CollectorState.Status.FAILED, "last read failed: " + e);
            if (!failingLogged) {
                LOG.warning("host collector read failed (will retry each interval): " + e);
                failingLogged = true;
            }
        }
    }
}
