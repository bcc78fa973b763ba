package dev.jobwire.cli;

import dev.jobwire.cli.follow.EventPrinter;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How a followed job is shown, and how long a lost connection is retried. */
public final class FollowOptions {

    @Option(names = "--json", description = "One JSON object per line on standard output (each event as "
            + "received), for scripts.")
    boolean json;

    @Option(names = "--plain", description = "One line per event even on a terminal, instead of a progress bar.")
    boolean plain;

    @Option(names = "--reconnect-for", paramLabel = "DURATION", defaultValue = "2m",
            converter = DurationConverter.class,
            description = "How long to keep trying to reconnect after the connection drops (default "
                    + "${DEFAULT-VALUE}).")
    Duration reconnectFor;

    public EventPrinter.Mode mode() {
        if (json) {
            return EventPrinter.Mode.JSON;
        }
        return plain || !Terminal.isInteractive() ? EventPrinter.Mode.LINES : EventPrinter.Mode.BAR;
    }

    public EventPrinter printer(PrintWriter out, PrintWriter err) {
        return new EventPrinter(mode(), out, err, System::nanoTime);
    }

    public Duration reconnectFor() {
        return reconnectFor;
    }
}
