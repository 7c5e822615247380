package io.anomalyhunter.llm;

import java.util.regex.Pattern;

/** Adjustments to the grammars llama.cpp derives from a JSON schema. Pure. */
final class Grammars {
    private static final Pattern SPACE_RULE = Pattern.compile("(?m)^space ::= .*$");

    private Grammars() {
    }

    /**
     * Allows at most one space between JSON tokens. The derived rule allows a newline and 20 spaces at every gap,
     * and small models fill them: whitespace tokens then eat the answer's token budget before the JSON closes.
     */
    static String compact(String grammar) {
        return SPACE_RULE.matcher(grammar).replaceFirst("space ::= \" \"?");
    }
}
