package dev.jobwire.core.port;

import java.security.SecureRandom;

/**
 * The default {@link IdGenerator}: 26-character ULIDs (48 bits of milliseconds, 80 random bits, in
 * Crockford's base 32), so ids sort by creation time and never collide in practice.
 */
public final class UlidGenerator implements IdGenerator {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final Clock clock;

    public UlidGenerator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String newId() {
        long time = clock.now().toEpochMilli();
        byte[] entropy = new byte[10];
        // A generator made per id, never one kept from start-up: a Lambda SnapStart snapshot would
        // otherwise hand the same random state to every environment restored from it.
        new SecureRandom().nextBytes(entropy);
        char[] out = new char[26];
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        long high = 0;
        for (int i = 0; i < 5; i++) {
            high = (high << 8) | (entropy[i] & 0xFF);
        }
        long low = 0;
        for (int i = 5; i < 10; i++) {
            low = (low << 8) | (entropy[i] & 0xFF);
        }
        for (int i = 17; i >= 10; i--) {
            out[i] = ALPHABET[(int) (high & 31)];
            high >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = ALPHABET[(int) (low & 31)];
            low >>>= 5;
        }
        return new String(out);
    }
}
