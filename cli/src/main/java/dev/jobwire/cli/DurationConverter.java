package dev.jobwire.cli;

import dev.jobwire.core.model.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Picocli's reading of a {@link Durations} option: {@code 90s}, {@code 1h30m}, {@code PT15M} … */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    public static Duration parse(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
