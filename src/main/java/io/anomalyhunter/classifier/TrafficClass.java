package io.anomalyhunter.classifier;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The five classes of the traffic classifier, in the model's output order, and the NSL-KDD attack names each
 * covers. The names include those that appear only in the official test set (marked * in the data's
 * FEATURES.md), with its first variant: worm is DoS, httptunnel is R2L.
 */
public enum TrafficClass {
    NORMAL("normal"), DOS("DoS"), PROBE("Probe"), R2L("R2L"), U2R("U2R");

    private static final Map<String, TrafficClass> ATTACKS = Map.ofEntries(
            Map.entry("normal", NORMAL),
            Map.entry("back", DOS), Map.entry("land", DOS), Map.entry("neptune", DOS), Map.entry("pod", DOS),
            Map.entry("smurf", DOS), Map.entry("teardrop", DOS), Map.entry("apache2", DOS), Map.entry("mailbomb", DOS),
            Map.entry("processtable", DOS), Map.entry("udpstorm", DOS), Map.entry("worm", DOS),
            Map.entry("ipsweep", PROBE), Map.entry("nmap", PROBE), Map.entry("portsweep", PROBE), Map.entry("satan", PROBE),
            Map.entry("mscan", PROBE), Map.entry("saint", PROBE),
            Map.entry("ftp_write", R2L), Map.entry("guess_passwd", R2L), Map.entry("imap", R2L), Map.entry("multihop", R2L),
            Map.entry("phf", R2L), Map.entry("spy", R2L), Map.entry("warezclient", R2L), Map.entry("warezmaster", R2L),
            Map.entry("httptunnel", R2L), Map.entry("named", R2L), Map.entry("sendmail", R2L),
            Map.entry("snmpgetattack", R2L), Map.entry("snmpguess", R2L), Map.entry("xlock", R2L), Map.entry("xsnoop", R2L),
            Map.entry("buffer_overflow", U2R), Map.entry("loadmodule", U2R), Map.entry("perl", U2R), Map.entry("rootkit", U2R),
            Map.entry("ps", U2R), Map.entry("sqlattack", U2R), Map.entry("xterm", U2R));

    private final String label;

    TrafficClass(String label) {
        this.label = label;
    }

    /** As reports and the API print it ("DoS"). */
    public String label() {
        return label;
    }

    /** The class of an NSL-KDD label (an attack name, or "normal"); empty for a name we do not know. */
    public static Optional<TrafficClass> ofAttack(String name) {
        return Optional.ofNullable(ATTACKS.get(name.strip().toLowerCase(Locale.ROOT)));
    }

    /** The class of a printed label ("DoS", "normal"), case-insensitive. */
    public static Optional<TrafficClass> ofLabel(String label) {
        for (TrafficClass c : values()) {
            if (c.label.equalsIgnoreCase(label.strip())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
