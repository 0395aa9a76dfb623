package org.jincai.core.voucher;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An envelope intake can read more than once: it is checked whole before any voucher of it is stored, then
 * read again voucher by voucher. A file (a spooled request body, an inbox file) is read from disk each time,
 * so memory holds one voucher at a time whatever the envelope's size.
 */
public interface EnvelopeSource {

    /** A new stream over the envelope from its first byte. */
    InputStream open() throws IOException;

    static EnvelopeSource of(Path file) {
        return new EnvelopeSource() {
            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public String toString() {
                return file.toString();
            }
        };
    }

    /** An envelope already in memory (small envelopes, tests). */
    static EnvelopeSource of(byte[] envelope) {
        return () -> new ByteArrayInputStream(envelope);
    }

    /** Opens the source, an I/O failure unchecked: the caller treats it as any unreadable input. */
    default InputStream openUnchecked() {
        try {
            return open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the envelope " + this, e);
        }
    }
}
