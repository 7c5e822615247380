package io.anomalyhunter.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Optional;

/**
 * The JSON lines between the daemon and its model worker. The daemon writes one {@link Request} per line on the
 * worker's stdin; the worker writes one {@link Reply} per line on its stdout, each behind {@link #MARK} so that
 * anything else on that stream (llama.cpp prints there) is told apart. The worker's first reply, id 0, says the model
 * is loaded.
 */
public final class WorkerProtocol {
    /** Starts every reply; a reply is the rest of the line after it. */
    public static final String MARK = "@anomaly-hunter-llm@ ";
    private static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private WorkerProtocol() {
    }

    /** A request on the wire: {@link CompletionRequest} with an id. */
    @RegisterForReflection // Jackson reads and builds it in the native executable too
    public record Request(long id, String system, String head, List<String> lines, String tail, String schema, int maxTokens) {
        static Request of(long id, CompletionRequest r) {
            return new Request(id, r.system(), r.head(), r.lines(), r.tail(), r.schema(), r.maxTokens());
        }
    }

    /** A reply: ok with the answer's figures, or not ok with the error. */
    @RegisterForReflection
    public record Reply(long id, boolean ok, String text, String error, int promptTokens, int tokens, int dropped, long millis) {
        public static Reply failed(long id, String error) {
            return new Reply(id, false, "", error, 0, 0, 0, 0);
        }

        CompletionAnswer answer() {
            return new CompletionAnswer(text, promptTokens, tokens, dropped, millis);
        }
    }

    public static String encode(Request r) {
        return write(r);
    }

    public static Request decodeRequest(String line) throws JsonProcessingException {
        return JSON.readValue(line, Request.class);
    }

    /** The reply line, marker included. */
    public static String encode(Reply r) {
        return MARK + write(r);
    }

    /** The reply in a line of the worker's stdout, or empty for a line that carries none. */
    public static Optional<Reply> decodeReply(String line) throws JsonProcessingException {
        int at = line.indexOf(MARK);
        return at < 0 ? Optional.empty() : Optional.of(JSON.readValue(line.substring(at + MARK.length()), Reply.class));
    }

    private static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a protocol record did not serialise", e);
        }
    }
}
