package io.mailstream.producer.launch;

import java.time.Duration;

/**
 * Reports a launch's progress to whoever watches it. The launcher calls {@link #update} often
 * (every few thousand rows); implementations decide how often to show something.
 */
public interface Progress {

    /** Shows nothing. */
    Progress NONE = new Progress() {
        @Override
        public void update(LaunchProgress progress) {
        }

        @Override
        public void finished(LaunchProgress progress) {
        }
    };

    void update(LaunchProgress progress);

    /** Called once when the launch ends, successfully or not. */
    void finished(LaunchProgress progress);

    /**
     * A live progress line on the terminal when there is one ({@code System.console() != null}),
     * otherwise a log line every {@code logInterval}.
     */
    static Progress auto(Duration logInterval) {
        if (System.console() != null) {
            return new TerminalProgress(System.err, System::nanoTime);
        }
        return new LogProgress(logInterval, System::nanoTime);
    }
}
