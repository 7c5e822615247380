package io.anomalyhunter.daemon;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Under systemd (JOURNAL_STREAM set) prefixes each console line with the sd-daemon priority, "<3>" error,
 * "<4>" warning, "<6>" info, "<7>" debug, so {@code journalctl -p warning} shows exactly warnings and worse;
 * the level name and time are then left to the journal. Elsewhere it passes records through unchanged.
 * Quarkus's console format has no numeric level, hence a filter that rewrites the message.
 */
@LoggingFilter(name = "journal-priority")
public final class JournalPriorityFilter implements Filter {
    /** The console format under the journal: priority and logger come from the message, time from journald. */
    public static final String JOURNAL_FORMAT = "%s%e%n";

    private static final boolean UNDER_JOURNAL = underJournal(System.getenv());

    @Override
    public boolean isLoggable(LogRecord record) {
        if (UNDER_JOURNAL) {
            String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
            String shortName = logger.substring(logger.lastIndexOf('.') + 1);
            record.setMessage(prefix(record.getLevel().intValue()) + "[" + shortName + "] " + record.getMessage());
        }
        return true;
    }

    /** True when stdout goes to the journal, as systemd announces through JOURNAL_STREAM. */
    public static boolean underJournal(java.util.Map<String, String> env) {
        String s = env.get("JOURNAL_STREAM");
        return s != null && !s.isBlank();
    }

    /** The sd-daemon prefix for a java.util.logging / JBoss level value. */
    public static String prefix(int level) {
        if (level >= 1000) {
            return "<3>"; // ERROR, SEVERE, FATAL
        }
        if (level >= 900) {
            return "<4>"; // WARN, WARNING
        }
        if (level >= 800) {
            return "<6>"; // INFO
        }
        return "<7>";
    }
}
