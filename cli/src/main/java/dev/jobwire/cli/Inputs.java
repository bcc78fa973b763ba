package dev.jobwire.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.jobwire.core.model.JsonText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a job's input as given on the command line: JSON text, {@code @file}, or {@code @-} for standard input. */
final class Inputs {
    private Inputs() {
    }

    static JsonObject read(String value, InputStream stdin) {
        String text;
        String source;
        if (value.startsWith("@")) {
            String name = value.substring(1);
            source = name.equals("-") ? "standard input" : name;
            try {
                text = name.equals("-")
                        ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
                        : Files.readString(Path.of(name), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw CliFailure.usage("--input: no such file " + name);
            } catch (IOException | java.io.UncheckedIOException e) {
                throw CliFailure.usage("--input: cannot read " + source + ": " + e.getMessage());
            }
        } else {
            text = value;
            source = "the value";
        }
        JsonElement element;
        try {
            element = JsonText.parse(text.strip());
        } catch (IllegalArgumentException e) {
            throw CliFailure.usage("--input: " + source + " is not valid JSON");
        }
        if (!element.isJsonObject()) {
            throw CliFailure.usage("--input: " + source + " must be a JSON object, such as {\"steps\":5}");
        }
        return element.getAsJsonObject();
    }
}
