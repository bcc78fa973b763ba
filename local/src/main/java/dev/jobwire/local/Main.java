package dev.jobwire.local;

/** Starts the local runtime from the command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        throw new UnsupportedOperationException("the local runtime is being assembled");
    }
}
