package io.anomalyhunter.classifier;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The 41 NSL-KDD connection features in their file order, and how a row becomes the model's float vector:
 * numbers as they are, and the three nominal features (protocol_type, service, flag) as their index in the
 * vocabulary below, -1 for a value not in it. The encoding lives beside the ONNX graph (in its metadata),
 * not inside it: the graph takes one float tensor [N, 41].
 */
public final class KddSchema {
    public static final List<String> FEATURES = List.of("duration", "protocol_type", "service", "flag", "src_bytes",
            "dst_bytes", "land", "wrong_fragment", "urgent", "hot", "num_failed_logins", "logged_in", "num_compromised",
            "root_shell", "su_attempted", "num_root", "num_file_creations", "num_shells", "num_access_files",
            "num_outbound_cmds", "is_host_login", "is_guest_login", "count", "srv_count", "serror_rate", "srv_serror_rate",
            "rerror_rate", "srv_rerror_rate", "same_srv_rate", "diff_srv_rate", "srv_diff_host_rate", "dst_host_count",
            "dst_host_srv_count", "dst_host_same_srv_rate", "dst_host_diff_srv_rate", "dst_host_same_src_port_rate",
            "dst_host_srv_diff_host_rate", "dst_host_serror_rate", "dst_host_srv_serror_rate", "dst_host_rerror_rate",
            "dst_host_srv_rerror_rate");
    public static final int PROTOCOL = 1;
    public static final int SERVICE = 2;
    public static final int FLAG = 3;
    /** The vocabularies of the nominal features, as the data's ARFF header lists them. */
    public static final Map<Integer, List<String>> VOCABULARIES = Map.of(
            PROTOCOL, List.of("tcp", "udp", "icmp"),
            SERVICE, List.of("aol", "auth", "bgp", "courier", "csnet_ns", "ctf", "daytime", "discard", "domain", "domain_u",
                    "echo", "eco_i", "ecr_i", "efs", "exec", "finger", "ftp", "ftp_data", "gopher", "harvest", "hostnames",
                    "http", "http_2784", "http_443", "http_8001", "imap4", "IRC", "iso_tsap", "klogin", "kshell", "ldap",
                    "link", "login", "mtp", "name", "netbios_dgm", "netbios_ns", "netbios_ssn", "netstat", "nnsp", "nntp",
                    "ntp_u", "other", "pm_dump", "pop_2", "pop_3", "printer", "private", "red_i", "remote_job", "rje",
                    "shell", "smtp", "sql_net", "ssh", "sunrpc", "supdup", "systat", "telnet", "tftp_u", "tim_i", "time",
                    "urh_i", "urp_i", "uucp", "uucp_path", "vmnet", "whois", "X11", "Z39_50"),
            FLAG, List.of("OTH", "REJ", "RSTO", "RSTOS0", "RSTR", "S0", "S1", "S2", "S3", "SF", "SH"));
    private static final Map<Integer, Map<String, Integer>> CODES = VOCABULARIES.entrySet().stream().collect(Collectors.toMap(
            Map.Entry::getKey, e -> IntStream.range(0, e.getValue().size()).boxed()
                    .collect(Collectors.toMap(i -> e.getValue().get(i), Function.identity()))));

    private KddSchema() {
    }

    public static boolean isNominal(int feature) {
        return VOCABULARIES.containsKey(feature);
    }

    /** The code of a nominal value: its index in the vocabulary, -1 when it is not there. */
    public static float code(int feature, String value) {
        Integer c = CODES.get(feature).get(value);
        return c == null ? -1 : c;
    }

    /** The value a nominal code stands for ("?" for -1 or a code outside the vocabulary). */
    public static String value(int feature, float code) {
        List<String> v = VOCABULARIES.get(feature);
        int i = (int) code;
        return i >= 0 && i < v.size() && i == code ? v.get(i) : "?";
    }
}
