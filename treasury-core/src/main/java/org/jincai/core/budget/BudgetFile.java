package org.jincai.core.budget;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import org.jincai.core.Digests;
import org.jincai.core.budget.internal.CsvReader;
import org.jincai.core.controls.ControlException;

/**
 * A budget file to import (CSV, docs/budget.md): its name as the operator gave it, its content — a file, read
 * as often as the import needs, or bytes — and the character set it is written in: UTF-8, or GBK (GB18030) as
 * spreadsheets on Chinese Windows save it; any other is refused with {@code BUDGET_FILE_UNREADABLE}.
 */
public final class BudgetFile {

    /** The character sets a budget file may be written in. */
    public static final Set<String> CHARSETS = CsvReader.CHARSETS;

    private final String name;
    private final Path path;
    private final byte[] bytes;
    private final Charset charset;

    private BudgetFile(String name, Path path, byte[] bytes, Charset charset) {
        Objects.requireNonNull(charset, "charset");
        if (!CHARSETS.contains(charset.name())) {
            throw new ControlException(ControlException.Kind.INVALID, BudgetCodes.BUDGET_FILE_UNREADABLE,
                    "a budget file is written in " + String.join(", ", CHARSETS.stream().sorted().toList())
                            + ", not " + charset.name(), name);
        }
        this.name = Objects.requireNonNull(name, "name");
        this.path = path;
        this.bytes = bytes;
        this.charset = charset;
    }

    public static BudgetFile of(Path path, Charset charset) {
        return new BudgetFile(path.getFileName().toString(), path, null, charset);
    }

    public static BudgetFile of(String name, byte[] bytes, Charset charset) {
        return new BudgetFile(name, null, bytes.clone(), charset);
    }

    public String name() {
        return name;
    }

    public Charset charset() {
        return charset;
    }

    InputStream open() {
        if (bytes != null) {
            return new ByteArrayInputStream(bytes);
        }
        try {
            return Files.newInputStream(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    String sha256() {
        return bytes != null ? Digests.sha256(bytes) : Digests.sha256(path);
    }
}
