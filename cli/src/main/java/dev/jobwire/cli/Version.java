package dev.jobwire.cli;

import picocli.CommandLine;

/** The version shown by {@code --version} and sent as the {@code User-Agent}, from the jar's manifest. */
public final class Version implements CommandLine.IVersionProvider {

    public static String text() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    public static String userAgent() {
        return "jobwire-cli/" + text();
    }

    @Override
    public String[] getVersion() {
        return new String[] {"jobwire " + text()};
    }
}
