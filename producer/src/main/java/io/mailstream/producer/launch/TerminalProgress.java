package io.mailstream.producer.launch;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/** A progress line redrawn in place with {@code \r}, a few times a second, for an interactive terminal. */
public final class TerminalProgress implements Progress {
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream out;
    private final LongSupplier nanoTime;
    private long lastDraw = Long.MIN_VALUE;
    private int lastLength;

    public TerminalProgress(PrintStream out, LongSupplier nanoTime) {
        this.out = out;
        this.nanoTime = nanoTime;
    }

    @Override
    public void update(LaunchProgress progress) {
        long now = nanoTime.getAsLong();
        if (lastDraw != Long.MIN_VALUE && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        draw(progress);
    }

    @Override
    public void finished(LaunchProgress progress) {
        draw(progress);
        out.println();
        out.flush();
    }

    private void draw(LaunchProgress progress) {
        String line = ProgressFormat.line(progress);
        // Pad over the previous, possibly longer, line.
        String padding = lastLength > line.length() ? " ".repeat(lastLength - line.length()) : "";
        out.print("\r" + line + padding);
        out.flush();
        lastLength = line.length();
    }
}
