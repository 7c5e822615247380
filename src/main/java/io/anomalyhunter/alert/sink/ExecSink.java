package io.anomalyhunter.alert.sink;

import io.anomalyhunter.config.AlertsConfig;
import io.anomalyhunter.queue.Outcome;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Runs a local command with the alert JSON on stdin; exit 0 is delivered, anything else is retried. */
public final class ExecSink implements AlertSink {
    private final AlertsConfig.Exec config;

    public ExecSink(AlertsConfig.Exec config) {
        this.config = config;
    }

    @Override
    public Outcome deliver(Alert alert) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(config.command()).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(alert.toJson().toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the command may exit without reading; its exit code says what happened
        }
        if (!p.waitFor(config.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            return new Outcome.Retry(config.command().get(0) + " did not finish within " + config.timeout().toSeconds() + " s");
        }
        if (p.exitValue() == 0) {
            return Outcome.done();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Outcome.Retry(config.command().get(0) + " exited " + p.exitValue() + ": " + WebhookSink.abbreviate(out));
    }
}
