package io.anomalyhunter.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.anomalyhunter.queue.QueueItem;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class IncidentMessageTest {
    private static IncidentChange change(IncidentChange.Kind kind, int members) {
        List<Long> ids = LongStream.rangeClosed(1, members).boxed().toList();
        return new IncidentChange(kind, new Incident(5, Instant.parse("2026-12-03T07:00:00Z"), null, Severity.WARNING, 0.8,
                "host_cpu_percent above expected", ids, ids.stream().map(i -> "series_" + i).toList()));
    }

    /** The analysis jobs of a change, by their deduplication keys. */
    private static List<String> analysisKeys(IncidentChange c) {
        List<QueueItem> items = IncidentMessage.queueItems(c);
        assertEquals(IncidentMessage.TOPIC, items.get(0).topic(), "every change goes to the incidents topic first");
        return items.stream().filter(i -> i.topic().equals(IncidentMessage.RCA_TOPIC)).map(QueueItem::dedupKey).toList();
    }

    @Test
    void anIncidentIsAnalysedWhenItOpensAsItGrowsAndWhenItResolves() {
        assertEquals(List.of("rca:5:opened"), analysisKeys(change(IncidentChange.Kind.OPENED, 1)));
        assertEquals(List.of(), analysisKeys(change(IncidentChange.Kind.UPDATED, 1)), "a member's update is no new evidence");
        assertEquals(List.of("rca:5:members:2"), analysisKeys(change(IncidentChange.Kind.UPDATED, 2)));
        assertEquals(List.of("rca:5:members:" + IncidentMessage.REANALYSED_UP_TO),
                analysisKeys(change(IncidentChange.Kind.UPDATED, IncidentMessage.REANALYSED_UP_TO)));
        assertEquals(List.of(), analysisKeys(change(IncidentChange.Kind.UPDATED, IncidentMessage.REANALYSED_UP_TO + 1)),
                "a storm waits for the resolution");
        assertEquals(List.of("rca:5:resolved"), analysisKeys(change(IncidentChange.Kind.RESOLVED, 12)));
    }
}
