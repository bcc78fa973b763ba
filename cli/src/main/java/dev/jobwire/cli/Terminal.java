package dev.jobwire.cli;

/** Whether a person is watching: only then is a progress bar redrawn in place. */
final class Terminal {
    private Terminal() {
    }

    static boolean isInteractive() {
        // The JDK gives a console only when both standard input and output are a terminal.
        return System.console() != null;
    }
}
