package io.anomalyhunter.daemon;

import io.quarkus.runtime.Quarkus;
import java.util.logging.Logger;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT stop the daemon through Quarkus's orderly exit, so shutdown observers run while
 * logging still works and the process exits 0 (systemd's stop is a success, not "exit 143").
 */
final class StopSignals {
    private static final Logger LOG = Logger.getLogger(StopSignals.class.getName());

    private StopSignals() {
    }

    static void install() {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), s -> {
                    LOG.info("SIG" + s.getName() + " received, stopping");
                    Quarkus.asyncExit(0);
                });
            } catch (IllegalArgumentException e) {
                LOG.warning("cannot handle SIG" + name + " here: " + e.getMessage());
            }
        }
    }
}
