package org.jincai.bank.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.jincai.bank.file.BankFileException;

/** Reads the byte-exact fixtures under src/test/resources/layout, and runs their malformed corpora. */
public final class Fixtures {

    private Fixtures() {
    }

    public static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream("layout/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture layout/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files of the malformed corpus {@code layout/<folder>}, sorted. */
    public static Stream<Path> corpus(String folder) throws IOException, URISyntaxException {
        return Files.list(Path.of(Fixtures.class.getClassLoader().getResource("layout/" + folder).toURI())).sorted();
    }

    /** A corpus file fails with the code its name starts with ({@code CODE.what.txt}), never with another exception. */
    public static void assertRefusedWithItsCode(Path file, BiConsumer<String, byte[]> read) throws IOException {
        String name = file.getFileName().toString();
        String expected = name.substring(0, name.indexOf('.'));
        byte[] bytes = Files.readAllBytes(file);
        assertThatThrownBy(() -> read.accept(name, bytes))
                .isInstanceOfSatisfying(BankFileException.class, e -> assertThat(e.code()).isEqualTo(expected));
    }
}
