package io.anomalyhunter.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class RepeatedLogTest {
    private Instant now = Instant.parse("2026-12-01T00:00:00Z");
    private final List<String> lines = new ArrayList<>();
    private final RepeatedLog log;

    RepeatedLogTest() {
        Logger logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(r.getLevel() + " " + r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        log = new RepeatedLog(logger, Duration.ofMinutes(10), () -> now);
    }

    @Test
    void aProblemIsLoggedOnceThenEveryPeriodWithACountThenWhenItClears() {
        assertTrue(log.problem("disk", Level.SEVERE, "disk full"));
        for (int i = 0; i < 500; i++) {
            now = now.plusSeconds(1);
            assertFalse(log.problem("disk", Level.SEVERE, "disk full"));
        }
        now = now.plusSeconds(100);
        assertTrue(log.problem("disk", Level.SEVERE, "disk full"));
        log.cleared("disk", "disk has room again");
        log.cleared("disk", "said twice");
        assertEquals(3, lines.size(), lines.toString());
        assertEquals("SEVERE disk full", lines.get(0));
        assertTrue(lines.get(1).startsWith("SEVERE disk full (500 more like it since"), lines.get(1));
        assertTrue(lines.get(2).startsWith("INFO disk has room again (the problem began 2026-12-01T00:00:00Z)"),
                lines.get(2));
        assertFalse(log.isActive("disk"));
    }
}
