package dev.jobwire.test.webapp;

import dev.jobwire.local.LocalOptions;
import dev.jobwire.local.LocalRuntime;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The local runtime on the repository's template, serving the web app on a free port: started once
 * for the test class that registers it (statically), with that class's changes to the options,
 * and closed after the class.
 */
final class WebAppRuntime implements BeforeAllCallback, AfterAllCallback {
    /**
     * Absolute and normalised: the runtime's Jetty refuses a base directory that is an alias
     * (such as one with "..") and would then answer 404 for every file.
     */
    static final Path WEBAPP = Path.of("..", "webapp").toAbsolutePath().normalize();

    private final UnaryOperator<LocalOptions> options;
    private LocalRuntime runtime;

    WebAppRuntime() {
        this(UnaryOperator.identity());
    }

    WebAppRuntime(UnaryOperator<LocalOptions> options) {
        this.options = options;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        runtime = LocalRuntime.start(options.apply(LocalOptions.defaults()
                .withPort(0)
                .withTemplate(Path.of("..", "template.yaml"))
                .withWebappDir(WEBAPP)));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (runtime != null) {
            runtime.close();
            runtime = null;
        }
    }

    LocalRuntime runtime() {
        return runtime;
    }
}
