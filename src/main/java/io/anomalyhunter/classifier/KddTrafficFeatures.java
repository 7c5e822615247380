package io.anomalyhunter.classifier;

import java.util.ArrayDeque;
import java.util.Deque;

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
            recent.removeFirst();
        }
        recent.addLast(now);
        last100.addLast(now);
        if (last100.size() > HOST_WINDOW) {
            last100.removeFirst();
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

    /** count .. srv_diff_host_rate (features 23-31 in KDD's numbering). */
    private void timeBased(Past now, float[] v) {
        int count = 0;
        int serr = 0;
        int rerr = 0;
        int sameSrv = 0;
        int srvCount = 0;
        int srvSerr = 0;
        int srvRerr = 0;
        int srvDiffHost = 0;
        for (Past p : recent) {
            if (p.host().equals(now.host())) {
                count++;
                serr += p.synError() ? 1 : 0;
                rerr += p.rejected() ? 1 : 0;
                sameSrv += p.service().equals(now.service()) ? 1 : 0;
            }
            if (p.service().equals(now.service())) {
                srvCount++;
                srvSerr += p.synError() ? 1 : 0;
                srvRerr += p.rejected() ? 1 : 0;
                srvDiffHost += p.host().equals(now.host()) ? 0 : 1;
            }
        }
        v[22] = count;
        v[23] = srvCount;
        v[24] = rate(serr, count);
        v[25] = rate(srvSerr, srvCount);
        v[26] = rate(rerr, count);
        v[27] = rate(srvRerr, srvCount);
        v[28] = rate(sameSrv, count);
        v[29] = count == 0 ? 0 : 1 - rate(sameSrv, count);
        v[30] = rate(srvDiffHost, srvCount);
    }

    /** dst_host_count .. dst_host_srv_rerror_rate (features 32-41). */
    private void hostBased(Past now, float[] v) {
        int hostCount = 0;
        int hostSrv = 0;
        int sameSrcPort = 0;
        int hostSerr = 0;
        int hostRerr = 0;
        int srvCount = 0;
        int srvDiffHost = 0;
        int srvSerr = 0;
        int srvRerr = 0;
        for (Past p : last100) {
            if (p.host().equals(now.host())) {
                hostCount++;
                hostSrv += p.service().equals(now.service()) ? 1 : 0;
                sameSrcPort += p.sourcePort() == now.sourcePort() ? 1 : 0;
                hostSerr += p.synError() ? 1 : 0;
                hostRerr += p.rejected() ? 1 : 0;
            }
            if (p.service().equals(now.service())) {
                srvCount++;
                srvDiffHost += p.host().equals(now.host()) ? 0 : 1;
                srvSerr += p.synError() ? 1 : 0;
                srvRerr += p.rejected() ? 1 : 0;
            }
        }
        v[31] = hostCount;
        v[32] = hostSrv;
        v[33] = rate(hostSrv, hostCount);
        v[34] = hostCount == 0 ? 0 : 1 - rate(hostSrv, hostCount);
        v[35] = rate(sameSrcPort, hostCount);
        v[36] = rate(srvDiffHost, srvCount);
        v[37] = rate(hostSerr, hostCount);
        v[38] = rate(srvSerr, srvCount);
        v[39] = rate(hostRerr, hostCount);
        v[40] = rate(srvRerr, srvCount);
    }

    private static float rate(int part, int whole) {
        return whole == 0 ? 0 : (float) ((double) part / whole);
    }
}
