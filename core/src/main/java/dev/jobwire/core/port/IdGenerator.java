package dev.jobwire.core.port;

/**
 * Mints new ids. Guarantee: ids are unique (collision probability negligible) and, for the
 * default generator, sort by creation time.
 */
@FunctionalInterface
public interface IdGenerator {
    String newId();
}
