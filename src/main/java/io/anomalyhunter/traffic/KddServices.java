package io.anomalyhunter.traffic;

import java.util.Map;

/**
 * The NSL-KDD service word of a live connection, from its protocol and the responder's port (ICMP: the type of
 * its first message). KDD's names come from 1998's services; a port it does not name is "private", as most
 * unnamed ports are in the training data. HTTPS maps to "http_443" truthfully, though the training data's
 * http_443 rows are nearly all SYN floods: docs/models.md reports what that does to normal traffic.
 */
public final class KddServices {
    private static final Map<Integer, String> TCP = Map.ofEntries(
            Map.entry(80, "http"), Map.entry(8080, "http"), Map.entry(443, "http_443"), Map.entry(8001, "http_8001"),
            Map.entry(2784, "http_2784"), Map.entry(21, "ftp"), Map.entry(20, "ftp_data"), Map.entry(22, "ssh"),
            Map.entry(23, "telnet"), Map.entry(25, "smtp"), Map.entry(53, "domain"), Map.entry(109, "pop_2"),
            Map.entry(110, "pop_3"), Map.entry(143, "imap4"), Map.entry(79, "finger"), Map.entry(113, "auth"),
            Map.entry(119, "nntp"), Map.entry(111, "sunrpc"), Map.entry(513, "login"), Map.entry(514, "shell"),
            Map.entry(512, "exec"), Map.entry(37, "time"), Map.entry(13, "daytime"), Map.entry(7, "echo"),
            Map.entry(9, "discard"), Map.entry(11, "systat"), Map.entry(15, "netstat"), Map.entry(43, "whois"),
            Map.entry(70, "gopher"), Map.entry(389, "ldap"), Map.entry(139, "netbios_ssn"), Map.entry(137, "netbios_ns"),
            Map.entry(138, "netbios_dgm"), Map.entry(179, "bgp"), Map.entry(194, "IRC"), Map.entry(6667, "IRC"),
            Map.entry(150, "sql_net"), Map.entry(540, "uucp"), Map.entry(117, "uucp_path"), Map.entry(95, "supdup"),
            Map.entry(101, "hostnames"), Map.entry(102, "iso_tsap"), Map.entry(105, "csnet_ns"), Map.entry(5190, "aol"),
            Map.entry(210, "Z39_50"), Map.entry(543, "klogin"), Map.entry(544, "kshell"), Map.entry(245, "link"),
            Map.entry(57, "mtp"), Map.entry(42, "name"), Map.entry(433, "nnsp"), Map.entry(515, "printer"),
            Map.entry(71, "remote_job"), Map.entry(77, "rje"), Map.entry(84, "ctf"), Map.entry(530, "courier"),
            Map.entry(520, "efs"), Map.entry(175, "vmnet"), Map.entry(1080, "other"));
    private static final Map<Integer, String> UDP = Map.of(53, "domain_u", 123, "ntp_u", 69, "tftp_u");

    private KddServices() {
    }

    public static String of(int protocol, int responderPort, int icmpType) {
        if (protocol == 6) {
            if (responderPort >= 6000 && responderPort <= 6063) {
                return "X11";
            }
            return TCP.getOrDefault(responderPort, "private");
        }
        if (protocol == 17) {
            return UDP.getOrDefault(responderPort, "private");
        }
        return switch (icmpType) {
            case 8 -> "eco_i";
            case 0 -> "ecr_i";
            case 3 -> "urp_i";
            case 5 -> "red_i";
            case 13, 14 -> "tim_i";
            default -> "urh_i";
        };
    }
}
