package io.anomalyhunter.traffic;

/**
 * One finished connection as NSL-KDD describes its basic features: who talked to whom, for how long, how it
 * began and ended ({@code flag}, the KDD/Bro connection state), the payload bytes each way, and what was
 * inferred ({@code loggedIn}: an established TCP connection that carried data both ways; KDD's own figure came
 * from inspecting logins, which a capture cannot).
 */
public record ConnectionRecord(long startMicros, long endMicros, int protocol, String originator, int originatorPort,
                               String responder, int responderPort, String service, String flag, long srcBytes,
                               long dstBytes, boolean land, int wrongFragments, int urgent, boolean loggedIn) {
    public String protocolName() {
        return protocol == 6 ? "tcp" : protocol == 17 ? "udp" : "icmp";
    }

    /** A SYN error in KDD's sense: the handshake never completed. */
    public boolean synError() {
        return flag.equals("S0") || flag.equals("S1") || flag.equals("S2") || flag.equals("S3");
    }

    /** A rejection in KDD's sense. */
    public boolean rejected() {
        return flag.equals("REJ");
    }
}
