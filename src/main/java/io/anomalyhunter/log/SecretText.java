package io.anomalyhunter.log;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * URLs as they may appear in logs and the API. Webhook URLs often carry their credential in the path or the query
 * (Slack's /services/T…/B…/secret, ?token=…) or as user:password@: only scheme, host and port are shown, which is
 * enough to tell destinations apart, and the rest becomes "/…".
 */
public final class SecretText {
    private static final Pattern URL = Pattern.compile("\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s\"'<>]+");

    private SecretText() {
    }

    public static String url(URI u) {
        if (u.getHost() == null) {
            return u.getScheme() == null ? "(url)" : u.getScheme() + "://…";
        }
        String port = u.getPort() >= 0 ? ":" + u.getPort() : "";
        boolean more = u.getRawUserInfo() != null || u.getRawQuery() != null || u.getRawFragment() != null
                || (u.getRawPath() != null && !u.getRawPath().isEmpty() && !u.getRawPath().equals("/"));
        String host = u.getHost().contains(":") && !u.getHost().startsWith("[") ? "[" + u.getHost() + "]" : u.getHost();
        return u.getScheme() + "://" + host + port + (more ? "/…" : "");
    }

    /** {@code text} with every URL in it shortened as {@link #url} does. */
    public static String urls(String text) {
        if (text == null || !text.contains("://")) {
            return text;
        }
        Matcher m = URL.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            // Punctuation after a URL belongs to the sentence ("from https://h/x: busy").
            String found = m.group();
            int end = found.length();
            while (end > 0 && ".,;:!?)".indexOf(found.charAt(end - 1)) >= 0) {
                end--;
            }
            String safe;
            try {
                safe = url(new URI(found.substring(0, end)));
            } catch (java.net.URISyntaxException e) {
                safe = found.substring(0, found.indexOf("://") + 3) + "…";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(safe + found.substring(end)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
