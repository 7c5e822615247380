package io.anomalyhunter.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version this build carries (filtered into a resource by Maven). */
public final class BuildInfo {
    private static final String VERSION = load();

    private BuildInfo() {
    }

    public static String version() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("/anomaly-hunter-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
