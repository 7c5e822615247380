package io.anomalyhunter.http;

import io.netty.channel.Channel;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.impl.HttpServerImpl;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.impl.TCPServerBase;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the Netty channels the HTTP servers listen on. Vert.x has no public way to see a connection before its
 * HTTP layer, and Quarkus takes the one connection hook it has; so this reads Vert.x 4.5's bound-channel field.
 * It is the one place that knows Vert.x internals: when a Vert.x upgrade moves them, it fails with a message and
 * the daemon falls back to Quarkus's plain connection cap (ConnectionGuardIT notices).
 */
@RegisterForReflection(targets = TCPServerBase.class, fields = true)
final class ServerChannels {
    private ServerChannels() {
    }

    static List<Channel> listening(Vertx vertx) throws ReflectiveOperationException {
        Field bound = TCPServerBase.class.getDeclaredField("bindFuture");
        bound.setAccessible(true);
        List<Channel> out = new ArrayList<>();
        for (HttpServerImpl server : ((VertxInternal) vertx).sharedHttpServers().values()) {
            if (bound.get(server) instanceof Future<?> f && f.result() instanceof Channel ch && ch.isActive()) {
                out.add(ch);
            }
        }
        return out;
    }
}
