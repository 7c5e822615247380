package io.anomalyhunter.classifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Training rows for scans of hosts that do not answer. In the 1998 data a scanned host answered a probe of a
 * closed port with a reset (flags REJ, RSTR, RSTO, RSTOS0: "rerror"), while nearly every connection left
 * half-open (S0: "serror") belongs to a SYN flood. Today's hosts mostly drop such probes behind a firewall, so
 * a scan arrives as S0 connections and a forest trained on 1998 alone calls it a flood. A scan stays a probe
 * whatever the target does; so each Probe row whose target rejected it is added once more as the target's
 * silence would have made it: flag S0, the reject rates moved to the SYN-error rates, no bytes back. Only
 * training rows are added to, never the validation split.
 */
final class SilentTargetScans {
    private static final Set<String> REJECTED = Set.of("REJ", "RSTR", "RSTO", "RSTOS0");
    private static final int FLAG = KddSchema.FLAG;
    private static final float S0 = KddSchema.code(KddSchema.FLAG, "S0");
    /** {serror, rerror} feature pairs: same host 2 s, same service 2 s, host window, host window same service. */
    private static final int[][] RATES = {{24, 26}, {25, 27}, {37, 39}, {38, 40}};

    private SilentTargetScans() {
    }

    static KddData addTo(KddData train) {
        List<float[]> rows = new ArrayList<>(List.of(train.rows()));
        List<Integer> classes = new ArrayList<>();
        for (int c : train.classes()) {
            classes.add(c);
        }
        List<String> attacks = new ArrayList<>(train.attacks());
        for (int i = 0; i < train.size(); i++) {
            float[] r = train.rows()[i];
            if (train.classes()[i] != TrafficClass.PROBE.ordinal() || !REJECTED.contains(KddSchema.value(FLAG, r[FLAG]))) {
                continue;
            }
            float[] silent = r.clone();
            silent[FLAG] = S0;
            silent[5] = 0; // dst_bytes: nothing came back
            for (int[] pair : RATES) {
                silent[pair[0]] = Math.min(1f, r[pair[0]] + r[pair[1]]);
                silent[pair[1]] = 0;
            }
            rows.add(silent);
            classes.add(train.classes()[i]);
            attacks.add(train.attacks().get(i));
        }
        return new KddData(rows.toArray(float[][]::new), classes.stream().mapToInt(Integer::intValue).toArray(), attacks);
    }
}
