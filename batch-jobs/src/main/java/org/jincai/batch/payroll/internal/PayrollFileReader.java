package org.jincai.batch.payroll.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jincai.batch.payroll.PayrollCodes;
import org.jincai.batch.payroll.PayrollException;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads a payroll CSV line by line in its character set, one {@link PayrollRow} per non-blank line after the header,
 * numbered as the file's lines (the header is line 1). Restartable: the number of lines taken is saved with every
 * commit, and a restart skips that many before reading on. Holds one line at a time.
 */
public class PayrollFileReader implements ItemStreamReader<PayrollRow> {

    static final String LINES_TAKEN = "payroll.lines";

    private final Path path;
    private final Charset charset;
    private BufferedReader reader;
    private int line;

    public PayrollFileReader(Path path, Charset charset) {
        this.path = path;
        this.charset = charset;
    }

    /** Checks that the first line of {@code path} is the payroll header (a byte-order mark allowed). */
    public static void requireHeader(Path path, Charset charset) {
        try (BufferedReader in = open(path, charset)) {
            String first = in.readLine();
            if (first == null || !header(first)) {
                throw new PayrollException(PayrollCodes.PAYROLL_FILE_INVALID, "the first line must be the header "
                        + PayrollRow.HEADER + (first == null ? "" : ", not " + (first.length() > 200
                        ? first.substring(0, 200) + "…" : first)), path + " line 1");
            }
        } catch (IOException e) {
            throw new PayrollException(PayrollCodes.PAYROLL_FILE_INVALID, "cannot read: " + e.getMessage(),
                    path.toString());
        }
    }

    private static boolean header(String first) {
        String h = first.startsWith("\uFEFF") ? first.substring(1) : first;
        return h.strip().replace(" ", "").equalsIgnoreCase(PayrollRow.HEADER);
    }

    private static BufferedReader open(Path path, Charset charset) throws IOException {
        return new BufferedReader(new InputStreamReader(Files.newInputStream(path), charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
    }

    @Override
    public void open(ExecutionContext context) {
        int taken = context.getInt(LINES_TAKEN, 0);
        try {
            reader = open(path, charset);
            for (line = 0; line < Math.max(1, taken); line++) {
                String skipped = reader.readLine();
                if (line == 0 && (skipped == null || !header(skipped))) {
                    throw new PayrollException(PayrollCodes.PAYROLL_FILE_INVALID, "the first line must be the header "
                            + PayrollRow.HEADER, path + " line 1");
                }
            }
        } catch (IOException e) {
            throw new ItemStreamException("cannot open " + path, e);
        }
    }

    @Override
    public PayrollRow read() throws IOException {
        String text;
        do {
            text = reader.readLine();
            if (text == null) {
                return null;
            }
            line++;
        } while (text.isBlank());
        List<String> fields = CsvLine.split(text);
        if (fields == null) {
            return PayrollRow.malformed(line, null, "a quoted field is not closed on its line");
        }
        if (fields.size() != PayrollRow.COLUMNS) {
            return PayrollRow.malformed(line, fields, "the line has " + fields.size() + " columns, the header "
                    + PayrollRow.COLUMNS);
        }
        return PayrollRow.of(line, fields);
    }

    @Override
    public void update(ExecutionContext context) {
        context.putInt(LINES_TAKEN, line);
    }

    @Override
    public void close() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                throw new ItemStreamException("cannot close " + path, e);
            }
            reader = null;
        }
    }
}
