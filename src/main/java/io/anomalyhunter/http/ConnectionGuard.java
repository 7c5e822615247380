package io.anomalyhunter.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Sits on a listening socket's Netty pipeline and sees each accepted connection before the HTTP server does:
 * keeps the {@link ConnectionTable}, closes the connection that gives way when the cap is reached, and once a
 * second closes those that waited too long. The HTTP server above never knows; a closed connection is just gone.
 */
@ChannelHandler.Sharable
final class ConnectionGuard extends ChannelInboundHandlerAdapter {
    static final String NAME = "anomaly-hunter-connection-guard";

    private final ConnectionTable<Channel> table;
    private final LongSupplier nanos;
    private final Map<ConnectionTable.Reason, AtomicLong> closed = new EnumMap<>(ConnectionTable.Reason.class);
    private final CapLog capLog;

    ConnectionGuard(ConnectionLimits limits, LongSupplier nanos, CapLog capLog) {
        this.table = new ConnectionTable<>(limits);
        this.nanos = nanos;
        this.capLog = capLog;
        for (ConnectionTable.Reason r : ConnectionTable.Reason.values()) {
            closed.put(r, new AtomicLong());
        }
    }

    /** Told when the cap is reached and when connections fit again; logs are the caller's business. */
    interface CapLog {
        void evicting(int cap);

        void fits();
    }

    /** Puts the guard on a listening channel and starts its once-a-second sweep there. */
    void install(Channel server) {
        server.pipeline().addFirst(NAME, this);
        server.eventLoop().scheduleAtFixedRate(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Channel child) {
            ConnectionTable.Admission<Channel> admitted = table.open(child, nanos.getAsLong());
            admitted.evicted().ifPresent(e -> close(e, true));
            child.pipeline().addFirst(NAME, new ActivityTap(admitted.slot()));
            child.closeFuture().addListener(f -> table.closed(admitted.slot()));
        }
        ctx.fireChannelRead(msg);
    }

    private void sweep() {
        List<ConnectionTable.Closing<Channel>> due = table.expired(nanos.getAsLong());
        due.forEach(c -> close(c, false));
        if (table.size() < table.cap() * 9 / 10) {
            capLog.fits();
        }
    }

    private void close(ConnectionTable.Closing<Channel> c, boolean atCap) {
        closed.get(c.reason()).incrementAndGet();
        if (atCap) {
            capLog.evicting(table.cap());
        }
        c.connection().close();
    }

    int open() {
        return table.size();
    }

    long closed(ConnectionTable.Reason reason) {
        return closed.get(reason).get();
    }

    /**
     * Notes traffic on one connection; passes everything on unchanged. Vert.x rebuilds the pipeline when a
     * connection upgrades to HTTP/2 (h2c) and removes this tap with the rest; it puts itself back, or a streaming
     * HTTP/2 client (an SSE page) would look idle and be closed.
     */
    private final class ActivityTap extends ChannelDuplexHandler {
        private final ConnectionTable.Slot<Channel> slot;

        ActivityTap(ConnectionTable.Slot<Channel> slot) {
            this.slot = slot;
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            Channel channel = ctx.channel();
            if (channel.isOpen()) {
                channel.eventLoop().execute(() -> {
                    if (channel.isOpen() && channel.pipeline().get(NAME) == null) {
                        channel.pipeline().addFirst(NAME, new ActivityTap(slot));
                    }
                });
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            table.read(slot, nanos.getAsLong());
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            table.wrote(slot, nanos.getAsLong());
            ctx.write(msg, promise);
        }
    }
}
