package org.jincai.bank.layout;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the byte-exact fixtures under src/test/resources/layout. */
final class Fixtures {

    private Fixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream("layout/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture layout/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
