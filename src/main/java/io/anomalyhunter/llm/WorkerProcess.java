package io.anomalyhunter.llm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The daemon's side of the model worker: starts {@code anomaly-hunter llm-worker} on first use, keeps it (the model
 * stays loaded between reports), and talks JSON lines with it. A worker that dies or overruns the timeout is gone
 * for good and the request fails; the next request starts a new one. One request at a time.
 */
public final class WorkerProcess implements Completion, AutoCloseable {
    private static final Logger LOG = Logger.getLogger("Llm");
    /** Set at start by the command line: the command that runs this same build again, words joined by {@link #SELF_SEPARATOR}. */
    public static final String SELF_COMMAND_PROPERTY = "anomaly-hunter.self-command";
    public static final String SELF_SEPARATOR = "\u001f";
    /** Lines of the worker's stderr kept to say why it died. */
    private static final int STDERR_TAIL = 6;
    private final List<String> command;
    private final String model;
    private final Duration timeout;
    private volatile Running running;
    private long nextId = 1;

    /** What a live worker is: its process, its replies as they arrive, and the end of its stderr. */
    private record Running(Process process, OutputStream stdin, BlockingQueue<Optional<WorkerProtocol.Reply>> replies,
                           Deque<String> stderr) {
    }

    /**
     * @param self    the command that runs this same build (java and its options, or the executable)
     * @param timeout how long loading the model, or one answer, may take
     */
    public WorkerProcess(List<String> self, Path model, int threads, int context, Duration timeout) {
        List<String> c = new ArrayList<>(self);
        c.addAll(List.of("llm-worker", "--model", model.toString(), "--threads", Integer.toString(threads), "--context",
                Integer.toString(context)));
        this.command = List.copyOf(c);
        this.model = model.getFileName().toString();
        this.timeout = timeout;
    }

    /** The command that runs this same build, as the command line left it; empty when it was not set. */
    public static List<String> selfCommand() {
        String self = System.getProperty(SELF_COMMAND_PROPERTY, "");
        return self.isEmpty() ? List.of() : List.of(self.split(SELF_SEPARATOR));
    }

    /** The live worker's process id, if one runs. */
    public java.util.OptionalLong pid() {
        Running w = running;
        return w != null && w.process.isAlive() ? java.util.OptionalLong.of(w.process.pid()) : java.util.OptionalLong.empty();
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public synchronized CompletionAnswer complete(CompletionRequest request) throws LlmFailure {
        Running w = running != null && running.process.isAlive() ? running : start();
        long id = nextId++;
        try {
            w.stdin.write((WorkerProtocol.encode(WorkerProtocol.Request.of(id, request)) + "\n").getBytes(StandardCharsets.UTF_8));
            w.stdin.flush();
        } catch (IOException e) {
            throw died(w, "took no request (" + e.getMessage() + ")");
        }
        WorkerProtocol.Reply reply = await(w, id, "answered");
        if (!reply.ok()) {
            throw new LlmFailure("the model failed: " + reply.error());
        }
        return reply.answer();
    }

    private Running start() throws LlmFailure {
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new LlmFailure("cannot start the model worker: " + e.getMessage());
        }
        BlockingQueue<Optional<WorkerProtocol.Reply>> replies = new LinkedBlockingQueue<>();
        Deque<String> stderr = new ArrayDeque<>();
        daemonThread("llm-worker-out", () -> readReplies(p.getInputStream(), replies));
        daemonThread("llm-worker-err", () -> keepTail(p.getErrorStream(), stderr));
        Running w = new Running(p, p.getOutputStream(), replies, stderr);
        running = w;
        WorkerProtocol.Reply ready = await(w, 0, "loaded the model");
        if (!ready.ok()) {
            stop(w);
            throw new LlmFailure(ready.error());
        }
        LOG.infof("model worker started: pid %d, %s loaded in %d ms", p.pid(), ready.text(), ready.millis());
        return w;
    }

    /** The reply with that id; {@code what} says what the worker should have done ("answered"). */
    private WorkerProtocol.Reply await(Running w, long id, String what) throws LlmFailure {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                Optional<WorkerProtocol.Reply> next = w.replies.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (next == null) {
                    stop(w);
                    LOG.warnf("model worker pid %d had not %s after %d s (models.llm.timeout); stopped", w.process.pid(),
                            what, timeout.toSeconds());
                    throw new LlmFailure("the model worker had not " + what + " after " + timeout.toSeconds() + " s");
                }
                if (next.isEmpty()) {
                    throw died(w, "exited before it " + what);
                }
                if (next.get().id() == id || next.get().id() == -1) {
                    return next.get();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(w);
            throw new LlmFailure("interrupted");
        }
    }

    private LlmFailure died(Running w, String how) {
        int status;
        try {
            w.process.waitFor(2, TimeUnit.SECONDS);
            status = w.process.isAlive() ? -1 : w.process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = -1;
        }
        stop(w);
        String why;
        synchronized (w.stderr) {
            why = w.stderr.isEmpty() ? "" : ": " + w.stderr.peekLast();
        }
        String exit = status > 128 ? "killed by signal " + (status - 128) : "exit status " + status;
        LOG.warnf("model worker pid %d %s (%s)%s", w.process.pid(), how, exit, why);
        return new LlmFailure("the model worker " + how + " (" + exit + ")" + why);
    }

    private void stop(Running w) {
        w.process.destroyForcibly();
        if (running == w) {
            running = null;
        }
    }

    private static void readReplies(InputStream out, BlockingQueue<Optional<WorkerProtocol.Reply>> replies) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                try {
                    WorkerProtocol.decodeReply(line).ifPresent(reply -> replies.add(Optional.of(reply)));
                } catch (IOException e) {
                    replies.add(Optional.of(WorkerProtocol.Reply.failed(-1, "an unreadable reply: " + e.getMessage())));
                }
            }
        } catch (IOException e) {
            // the worker is gone; said below
        }
        replies.add(Optional.empty());
    }

    private static void keepTail(InputStream err, Deque<String> tail) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                synchronized (tail) {
                    tail.addLast(line.strip());
                    if (tail.size() > STDERR_TAIL) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the worker is gone
        }
    }

    private static void daemonThread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    /** Ends the worker; not synchronized, so that it also ends one in the middle of an answer (whose job is retried). */
    @Override
    public void close() {
        Running w = running;
        if (w == null) {
            return;
        }
        try {
            w.stdin.close(); // the worker's loop ends at end of input
            w.process.waitFor(3, TimeUnit.SECONDS);
        } catch (IOException e) {
            // already gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop(w);
    }
}
