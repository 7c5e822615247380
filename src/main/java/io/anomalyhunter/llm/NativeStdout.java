package io.anomalyhunter.llm;

import com.sun.jna.Function;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * llama.cpp prints its server's progress on the process's stdout with C stdio, which buffers and flushes whenever it
 * likes, possibly in the middle of a reply line. So the worker moves file descriptor 1 to a duplicate for its replies
 * and points 1 at stderr, where the daemon only keeps the last lines for error messages. Where that cannot be done
 * the replies share stdout and their marker still finds them.
 */
final class NativeStdout {
    private NativeStdout() {
    }

    /** The stream to write replies to, stdout moved aside where possible. */
    static OutputStream takeForReplies() {
        try {
            Function dup = Function.getFunction("c", "dup");
            Function dup2 = Function.getFunction("c", "dup2");
            int saved = dup.invokeInt(new Object[] {1});
            if (saved >= 0 && dup2.invokeInt(new Object[] {2, 1}) == 1) {
                Path fd = Path.of("/proc/self/fd/" + saved);
                if (Files.exists(fd)) {
                    return new FileOutputStream(fd.toFile());
                }
            }
        } catch (UnsatisfiedLinkError | RuntimeException | IOException e) {
            System.err.println("llm-worker: replies share stdout with llama.cpp (" + e + ")");
        }
        return new FileOutputStream(FileDescriptor.out);
    }
}
