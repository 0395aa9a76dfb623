package org.jincai.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jincai.bank.file.BankFileErrors;
import org.jincai.bank.file.BankFileException;
import org.jincai.bank.layout.FixedFileReader;
import org.jincai.bank.layout.FixedPaymentFile;
import org.jincai.bank.layout.FixedReturnFile;
import org.jincai.bank.layout.FixedReturnReader;
import org.jincai.bank.layout.PipeFileReader;
import org.jincai.bank.layout.PipePaymentFile;
import org.jincai.bank.layout.PipeReturnFile;
import org.jincai.bank.layout.PipeReturnReader;
import org.jincai.bank.profile.BankFormat;
import org.jincai.formats.inspect.Inspection;

/**
 * Recognises the bank text layouts {@code inspect} meets beside the standard formats: the pipe-delimited
 * and fixed-width GBK payment files and their return files. A file is of a layout when it parses as one;
 * it is then valid when its summary or trailer agrees with its lines.
 */
final class BankLayoutInspector {

    static final Charset GBK = Charset.forName("GBK");

    private BankLayoutInspector() {
    }

    static Optional<Inspection> inspect(Path file) {
        return attempt(file, BankFormat.PIPE_GBK, in -> {
            PipePaymentFile f = new PipeFileReader(GBK).parse(file.getFileName().toString(), in);
            return summary(f.summary().messageId(), f.details().size(), f.detailTotal(), null);
        }, in -> new PipeFileReader(GBK).read(file.getFileName().toString(), in))
                .or(() -> attempt(file, BankFormat.PIPE_GBK_RETURN, in -> {
                    PipeReturnFile f = new PipeReturnReader(GBK).readFile(file.getFileName().toString(), in);
                    return summary(f.summary().messageId(), f.lines().size(), f.lineTotal(),
                            f.lines().stream().filter(l -> l.accepted()).count());
                }, null))
                .or(() -> attempt(file, BankFormat.FIXED_GBK, in -> {
                    FixedPaymentFile f = new FixedFileReader(GBK).parse(file.getFileName().toString(), in);
                    return summary(f.header().messageId(), f.details().size(), f.detailTotal(), null);
                }, in -> new FixedFileReader(GBK).read(file.getFileName().toString(), in)))
                .or(() -> attempt(file, BankFormat.FIXED_GBK_RETURN, in -> {
                    FixedReturnFile f = new FixedReturnReader(GBK).readFile(file.getFileName().toString(), in);
                    return summary(f.header().messageId(), f.lines().size(), f.lineTotal(),
                            f.lines().stream().filter(l -> l.accepted()).count());
                }, null));
    }

    private static Map<String, Object> summary(String messageId, int transactions, BigDecimal total, Long accepted) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("messageId", messageId);
        s.put("transactions", transactions);
        s.put("totalAmount", total.setScale(2).toPlainString());
        if (accepted != null) {
            s.put("accepted", accepted);
            s.put("rejected", transactions - accepted);
        }
        return s;
    }

    /**
     * Parses the file as {@code format}; a file that does not parse is not of this layout (empty). When
     * it parses, {@code check} (if any) validates totals: a refusal makes it readable but invalid.
     */
    private static Optional<Inspection> attempt(Path file, BankFormat format, Reader parse, Check check) {
        String name = file.toString();
        Map<String, Object> summary;
        try (InputStream in = Files.newInputStream(file)) {
            summary = parse.read(in);
        } catch (BankFileException e) {
            if (check == null && BankFileErrors.TOTALS_MISMATCH.equals(e.code())) {
                return Optional.of(new Inspection(name, format.id(), false, true, List.of(e.problem()), List.of(),
                        Map.of()));
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (check != null) {
            try (InputStream in = Files.newInputStream(file)) {
                check.read(in);
            } catch (BankFileException e) {
                return Optional.of(new Inspection(name, format.id(), false, true, List.of(e.problem()), List.of(),
                        summary));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Optional.of(new Inspection(name, format.id(), true, true, List.of(), List.of(), summary));
    }

    @FunctionalInterface
    private interface Reader {
        Map<String, Object> read(InputStream in) throws IOException;
    }

    @FunctionalInterface
    private interface Check {
        void read(InputStream in) throws IOException;
    }
}
