package io.anomalyhunter.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on stderr for long reads, by bytes of the input consumed: drawn only when stderr is a terminal
 * (a pipe or a log gets nothing), redrawn at most every 200 ms, and cleared at the end.
 */
final class ProgressBar {
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final long total;
    private final boolean shown;
    private long lastDraw;

    private ProgressBar(PrintStream out, long total, boolean shown) {
        this.out = out;
        this.total = total;
        this.shown = shown;
    }

    /** A bar over {@code total} bytes, shown only on a terminal and for inputs big enough to take a moment. */
    static ProgressBar forInput(long total) {
        return new ProgressBar(System.err, total, System.console() != null && total > (8L << 20));
    }

    /** Counts what is read through the stream and redraws. */
    InputStream counting(InputStream in) {
        return new FilterInputStream(in) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    advance(++read);
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    read += n;
                    advance(read);
                }
                return n;
            }
        };
    }

    void advance(long done) {
        long now = System.nanoTime();
        if (!shown || now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        double f = total <= 0 ? 0 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(f * WIDTH);
        out.printf(Locale.ROOT, "\r[%s%s] %3d%%", "#".repeat(filled), " ".repeat(WIDTH - filled), Math.round(f * 100));
        out.flush();
    }

    void finish() {
        if (shown) {
            out.print("\r" + " ".repeat(WIDTH + 8) + "\r");
            out.flush();
        }
    }
}
