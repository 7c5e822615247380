package io.anomalyhunter.alert.sink;

import io.anomalyhunter.config.AlertsConfig;
import io.anomalyhunter.queue.Outcome;
import io.anomalyhunter.log.SecretText;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A JSON POST. With a secret, {@value #SIGNATURE} carries "sha256=" + hex HMAC-SHA256 of the body. 2xx is
 * delivered; 408, 429 and 5xx are retried; any other 4xx is a permanent refusal (dead letter).
 */
public final class WebhookSink implements AlertSink {
    public static final String SIGNATURE = "X-AnomalyHunter-Signature";
    public static final String ALERT_ID = "X-AnomalyHunter-Alert-Id";

    private final AlertsConfig.Webhook config;
    private final HttpClient http;

    public WebhookSink(AlertsConfig.Webhook config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    }

    @Override
    public Outcome deliver(Alert alert) throws IOException, InterruptedException {
        String body = config.slack() ? slackBody(alert) : alert.toJson().toString();
        HttpRequest.Builder req = HttpRequest.newBuilder(config.url()).timeout(config.timeout())
                .header("Content-Type", "application/json").header(ALERT_ID, alert.id())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        config.secret().ifPresent(secret -> req.header(SIGNATURE, "sha256=" + hmac(secret, body)));
        HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        int code = r.statusCode();
        String why = "HTTP " + code + " from " + SecretText.url(config.url()) + ": " + abbreviate(r.body());
        if (code >= 200 && code < 300) {
            return Outcome.done();
        }
        if (code == 408 || code == 429 || code >= 500) {
            return new Outcome.Retry(why);
        }
        return new Outcome.Reject(why);
    }

    /** Slack and Mattermost incoming webhooks take {"text": ...}. */
    static String slackBody(Alert alert) {
        String text = alert.summary() + "\n" + String.join("\n", alert.anomalies());
        return new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("text", text).toString();
    }

    public static String hmac(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    static String abbreviate(String s) {
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() > 200 ? one.substring(0, 200) + "..." : one;
    }
}
