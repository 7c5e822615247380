package io.anomalyhunter.classifier;

import io.anomalyhunter.traffic.ConnectionRecord;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The 41 NSL-KDD features of finished connections, in end order: the basic ones from the record, the
 * time-based ones over the connections that ended in the 2 seconds before (same destination host; same
 * service), the host-based ones over the last 255 connections (the training data's counts reach 255), and the content features (hot, failed logins,
 * root shells, ...) zero: a capture of the wire does not see them. {@code logged_in} is the record's
 * inference. Pure: records in, vectors out; one instance per stream of connections.
 */
public final class KddTrafficFeatures {
    static final long WINDOW_MICROS = 2_000_000;
    /** KDD's host-based counts run to 255: the window is the last 255 connections, not the 100 its paper names. */
    static final int HOST_WINDOW = 255;

    private record Past(long end, String host, String service, int sourcePort, boolean synError, boolean rejected) {
    }

    private final Deque<Past> recent = new ArrayDeque<>();
    private final Deque<Past> last100 = new ArrayDeque<>();

    public float[] next(ConnectionRecord r) {
        // KDD's "same service" counts tell the ports of one service apart: its SYN floods to many private ports
        // have a low srv_count. So the key is the protocol and the responder's port (ICMP: the service word).
        String service = r.protocol() == 1 ? r.service() : r.protocol() + "/" + r.responderPort();
        Past now = new Past(r.endMicros(), r.responder(), service, r.originatorPort(), r.synError(), r.rejected());
        while (!recent.isEmpty() && recent.peekFirst().end() < r.endMicros() - WINDOW_MICROS) {
            leave(recent.removeFirst());
        }
        recent.addLast(now);
        enter(now);
        last100.addLast(now);
        enterLast(now, 1);
        if (last100.size() > HOST_WINDOW) {
            enterLast(last100.removeFirst(), -1);
        }
        float[] v = new float[KddSchema.FEATURES.size()];
        v[0] = Math.max(0, (r.endMicros() - r.startMicros()) / 1_000_000L);
        v[KddSchema.PROTOCOL] = KddSchema.code(KddSchema.PROTOCOL, r.protocolName());
        v[KddSchema.SERVICE] = KddSchema.code(KddSchema.SERVICE, r.service());
        v[KddSchema.FLAG] = KddSchema.code(KddSchema.FLAG, r.flag());
        v[4] = r.srcBytes();
        v[5] = r.dstBytes();
        v[6] = r.land() ? 1 : 0;
        v[7] = r.wrongFragments();
        v[8] = r.urgent();
        v[11] = r.loggedIn() ? 1 : 0;
        timeBased(now, v);
        hostBased(now, v);
        return v;
    }

    /**
     * count .. srv_diff_host_rate (features 23-31 in KDD's numbering), from counts kept as connections enter and
     * leave the 2-second window: a flood puts tens of thousands in it, and a scan of the window per connection
     * would be quadratic. The last-connections window is tallied the same way (a scan of 255 per connection
     * cost more than the model).
     */
    private void timeBased(Past now, float[] v) {
        Tally host = byHost.get(now.host());
        Tally srv = byService.get(now.service());
        int sameSrv = byHostService.get(now.host() + '\0' + now.service()).n;
        v[22] = host.n;
        v[23] = srv.n;
        v[24] = rate(host.serr, host.n);
        v[25] = rate(srv.serr, srv.n);
        v[26] = rate(host.rerr, host.n);
        v[27] = rate(srv.rerr, srv.n);
        v[28] = rate(sameSrv, host.n);
        v[29] = host.n == 0 ? 0 : 1 - rate(sameSrv, host.n);
        v[30] = rate(srv.n - sameSrv, srv.n);
    }

    /** Connections in the time window with one key, and how many of them were SYN errors and rejections. */
    private static final class Tally {
        int n;
        int serr;
        int rerr;
    }

    private final Map<String, Tally> byHost = new HashMap<>();
    private final Map<String, Tally> byService = new HashMap<>();
    private final Map<String, Tally> byHostService = new HashMap<>();

    private final Map<String, Tally> lastByHost = new HashMap<>();
    private final Map<String, Tally> lastByService = new HashMap<>();
    private final Map<String, Tally> lastByHostService = new HashMap<>();
    private final Map<String, Tally> lastByHostPort = new HashMap<>();

    private void enterLast(Past p, int by) {
        tally(lastByHost, p.host(), p, by);
        tally(lastByService, p.service(), p, by);
        tally(lastByHostService, p.host() + '\0' + p.service(), p, by);
        tally(lastByHostPort, p.host() + '\0' + p.sourcePort(), p, by);
    }

    private void enter(Past p) {
        tally(byHost, p.host(), p, 1);
        tally(byService, p.service(), p, 1);
        tally(byHostService, p.host() + '\0' + p.service(), p, 1);
    }

    private void leave(Past p) {
        tally(byHost, p.host(), p, -1);
        tally(byService, p.service(), p, -1);
        tally(byHostService, p.host() + '\0' + p.service(), p, -1);
    }

    private static void tally(Map<String, Tally> m, String key, Past p, int by) {
        Tally t = m.computeIfAbsent(key, k -> new Tally());
        t.n += by;
        t.serr += p.synError() ? by : 0;
        t.rerr += p.rejected() ? by : 0;
        if (t.n == 0) {
            m.remove(key);
        }
    }

    /** dst_host_count .. dst_host_srv_rerror_rate (features 32-41), from the last-connections window's tallies. */
    private void hostBased(Past now, float[] v) {
        Tally host = lastByHost.get(now.host());
        Tally srv = lastByService.get(now.service());
        int hostSrv = lastByHostService.get(now.host() + '\0' + now.service()).n;
        int sameSrcPort = lastByHostPort.get(now.host() + '\0' + now.sourcePort()).n;
        v[31] = host.n;
        v[32] = hostSrv;
        v[33] = rate(hostSrv, host.n);
        v[34] = host.n == 0 ? 0 : 1 - rate(hostSrv, host.n);
        v[35] = rate(sameSrcPort, host.n);
        v[36] = rate(srv.n - hostSrv, srv.n);
        v[37] = rate(host.serr, host.n);
        v[38] = rate(srv.serr, srv.n);
        v[39] = rate(host.rerr, host.n);
        v[40] = rate(srv.rerr, srv.n);
    }

    private static float rate(int part, int whole) {
        return whole == 0 ? 0 : (float) ((double) part / whole);
    }
}
