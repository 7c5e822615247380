package io.anomalyhunter.http;

import io.anomalyhunter.config.AppConfig;
import io.anomalyhunter.log.RepeatedLog;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The first route of every request: refuses what {@link RequestRules} refuses with 403 and the API's error body,
 * and puts the browser security headers on every answer.
 */
@Singleton
public class RequestFilter {
    private static final Logger LOG = Logger.getLogger(RequestFilter.class.getName());
    /** No inline script or style, nothing from elsewhere, never inside another site's frame. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private final RepeatedLog refusals = new RepeatedLog(LOG, Duration.ofMinutes(1), Clock.systemUTC());

    void install(@Observes Router router, AppConfig config) {
        RequestRules rules = new RequestRules(HostNames.of(config.http()));
        LOG.fine("answering to Host names " + HostNames.of(config.http()));
        router.route().order(Integer.MIN_VALUE + 1).handler(rc -> filter(rc, rules));
    }

    private void filter(RoutingContext rc, RequestRules rules) {
        HttpServerRequest req = rc.request();
        HttpServerResponse res = rc.response();
        res.putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        res.putHeader("X-Content-Type-Options", "nosniff");
        res.putHeader("X-Frame-Options", "DENY");
        res.putHeader("Referrer-Policy", "no-referrer");
        // host() is Host in HTTP/1.1 and :authority in HTTP/2 (clients that upgrade with h2c, as Java's does).
        Optional<String> refusal = rules.refusal(req.method().name(), req.host(),
                req.getHeader(HttpHeaders.ORIGIN), req.getHeader(HttpHeaders.CONTENT_TYPE),
                req.getHeader(RequestRules.REQUESTED_BY) != null);
        if (refusal.isEmpty()) {
            rc.next();
            return;
        }
        // Refusals are logged, but a scripted flood of them must not flood the journal.
        refusals.problem("refused", Level.WARNING, "refused " + req.method().name() + " " + req.path() + " from "
                + req.remoteAddress() + ": " + refusal.get());
        res.setStatusCode(403).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(io.vertx.core.json.Json.encode(java.util.Map.of("error", "forbidden", "message", refusal.get())));
    }
}
