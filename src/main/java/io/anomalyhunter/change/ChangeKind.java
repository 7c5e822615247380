package io.anomalyhunter.change;

import java.util.Locale;

/** What sort of thing changed on the host. */
public enum ChangeKind {
    PROCESS, SOCKET, INTERFACE, PACKAGE, UNIT, LOGIN, OOM, CONFIG, CONTAINER;

    /** The word used in the API, the CLI and the UI. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the word and the ones there are */
    public static ChangeKind ofWord(String word) {
        for (ChangeKind k : values()) {
            if (k.word().equals(word.strip().toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown change kind '" + word + "' (one of "
                + java.util.Arrays.stream(values()).map(ChangeKind::word).toList() + ")");
    }
}
