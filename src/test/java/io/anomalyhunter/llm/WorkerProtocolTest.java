package io.anomalyhunter.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON lines between daemon and worker, and the grammar adjustment. */
class WorkerProtocolTest {
    @Test
    void aReplyIsFoundBehindItsMarkEvenAfterOtherOutputOnTheLine() throws Exception {
        WorkerProtocol.Reply r = new WorkerProtocol.Reply(7, true, "{\"a\": \"b\\nc\"}", "", 120, 14, 2, 33);
        String line = "slot update_slots: id 0 | task 4 " + WorkerProtocol.encode(r);
        assertEquals(r, WorkerProtocol.decodeReply(line).orElseThrow());
        assertTrue(WorkerProtocol.decodeReply("srv  update_slots: all slots are idle").isEmpty());
        assertEquals(1, WorkerProtocol.encode(r).lines().count(), "one line, whatever the text holds");
    }

    @Test
    void aRequestRoundTrips() throws Exception {
        CompletionRequest c = new CompletionRequest("sys", "head", List.of("l1", "l2"), "tail", "{}", 64);
        WorkerProtocol.Request r = WorkerProtocol.Request.of(3, c);
        assertEquals(r, WorkerProtocol.decodeRequest(WorkerProtocol.encode(r)));
        assertTrue(WorkerProtocol.encode(r).contains("\"max_tokens\":64"), WorkerProtocol.encode(r));
    }

    @Test
    void theSpaceRuleAllowsOneSpaceAtMost() {
        String g = "root ::= \"{\" space \"}\"\nspace ::= | \" \" | \"\\n\" [ \\t]{0,20}\n";
        assertEquals("root ::= \"{\" space \"}\"\nspace ::= \" \"?\n", Grammars.compact(g));
    }
}
