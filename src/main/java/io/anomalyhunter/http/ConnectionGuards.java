package io.anomalyhunter.http;

import io.anomalyhunter.config.AppConfig;
import io.anomalyhunter.log.RepeatedLog;
import io.netty.channel.Channel;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Puts a {@link ConnectionGuard} on every listening HTTP socket once the server is up, with the limits from
 * http.* and a cap that fits under the open-file limit.
 */
@Singleton
public class ConnectionGuards {
    private static final Logger LOG = Logger.getLogger(ConnectionGuards.class.getName());

    private final Vertx vertx;
    private final ConnectionLimits limits;
    private final int configuredCap;
    private final List<ConnectionGuard> guards = new CopyOnWriteArrayList<>();
    private final RepeatedLog log = new RepeatedLog(LOG, Duration.ofMinutes(10), Clock.systemUTC());

    public ConnectionGuards(Vertx vertx, AppConfig config) {
        this.vertx = vertx;
        this.limits = limitsFor(config.http(), OpenFileLimit.current());
        this.configuredCap = config.http().maxConnections();
    }

    /** The limits for http.* under this process's open-file limit (also used to size Quarkus's own cap). */
    public static ConnectionLimits limitsFor(AppConfig.Http http, long openFileLimit) {
        return new ConnectionLimits(ConnectionLimits.capUnder(http.maxConnections(), openFileLimit),
                http.requestTimeout(), http.idleTimeout());
    }

    void install(@ObservesAsync HttpServerStart started) {
        synchronized (guards) {
            if (!guards.isEmpty()) {
                return;
            }
            List<Channel> channels;
            try {
                channels = ServerChannels.listening(vertx);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.warning("cannot guard HTTP connections (" + e + "); only the plain connection cap applies");
                return;
            }
            for (Channel ch : channels) {
                ConnectionGuard guard = new ConnectionGuard(limits, System::nanoTime, capLog());
                guard.install(ch);
                guards.add(guard);
            }
            if (limits.cap() < configuredCap) {
                LOG.warning("http.max_connections=" + configuredCap + " lowered to " + limits.cap()
                        + " to stay under this process's open-file limit of " + OpenFileLimit.current()
                        + " (raise LimitNOFILE to allow more)");
            }
            LOG.fine("guarding " + channels.size() + " HTTP listener(s): " + limits);
        }
    }

    private ConnectionGuard.CapLog capLog() {
        return new ConnectionGuard.CapLog() {
            @Override
            public void evicting(int cap) {
                log.problem("cap", Level.WARNING, "HTTP connections reached the cap of " + cap
                        + " (http.max_connections); closing the least active to make room");
            }

            @Override
            public void fits() {
                log.cleared("cap", "HTTP connections are below the cap again");
            }
        };
    }

    /** Open connections now, over all listeners. */
    public int open() {
        return guards.stream().mapToInt(ConnectionGuard::open).sum();
    }

    /** Connections we closed for {@code reason}, since start. */
    public long closed(ConnectionTable.Reason reason) {
        return guards.stream().mapToLong(g -> g.closed(reason)).sum();
    }

    public boolean active() {
        return !guards.isEmpty();
    }
}
