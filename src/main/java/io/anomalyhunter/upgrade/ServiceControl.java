package io.anomalyhunter.upgrade;

import java.io.IOException;

/** Stops and starts the installed service (systemctl on an appliance). Both block until done. */
public interface ServiceControl {
    void stop() throws IOException, InterruptedException;

    void start() throws IOException, InterruptedException;
}
