package org.jincai.core.budget.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads comma-separated values (RFC 4180) one record at a time: fields in double quotes may hold commas, line
 * breaks and doubled quotes; unquoted fields are stripped of surrounding blanks; blank lines are skipped; a byte
 * order mark at the start is dropped. The text is decoded strictly: bytes that are not the given character set
 * stop the reading with a {@link CsvException} naming the line, never a replacement character in a budget code.
 */
public final class CsvReader implements AutoCloseable {

    /** A record and the line of the file it starts on (1-based). */
    public record Record(int line, List<String> fields) {
    }

    /** The file cannot be read as CSV in its character set; {@code line} is where it went wrong. */
    public static final class CsvException extends Exception {

        private final int line;

        CsvException(int line, String message) {
            super(message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    private final Reader in;
    private final Charset charset;
    private int line = 1;
    private int pushedBack = -2;
    private boolean started;

    public CsvReader(InputStream in, Charset charset) {
        this.charset = charset;
        this.in = new BufferedReader(new InputStreamReader(in, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
    }

    /** The next record, or null at the end of the file. */
    public Record next() throws CsvException {
        try {
            int c = read();
            while (c == '\r' || c == '\n') {
                c = read();
            }
            if (c < 0) {
                return null;
            }
            int start = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            while (true) {
                if (c < 0 || c == '\n' || c == '\r') {
                    fields.add(quoted ? field.toString() : field.toString().strip());
                    if (c == '\r') {
                        int after = read();
                        if (after != '\n') {
                            unread(after);
                        }
                    }
                    return new Record(start, fields);
                }
                if (c == ',') {
                    fields.add(quoted ? field.toString() : field.toString().strip());
                    field.setLength(0);
                    quoted = false;
                } else if (c == '"' && field.toString().isBlank() && !quoted) {
                    field.setLength(0);
                    quoted = true;
                    readQuoted(field, start);
                    int after = read();
                    while (after == ' ' || after == '\t') {
                        after = read();
                    }
                    if (after >= 0 && after != ',' && after != '\n' && after != '\r') {
                        throw new CsvException(line, "text after a closing quote");
                    }
                    c = after;
                    continue;
                } else {
                    if (quoted) {
                        throw new CsvException(line, "text after a closing quote");
                    }
                    field.append((char) c);
                }
                c = read();
            }
        } catch (CharacterCodingException e) {
            throw new CsvException(line, "the bytes are not " + charset.name() + " text");
        } catch (IOException e) {
            throw new CsvException(line, "the file cannot be read: " + e.getMessage());
        }
    }

    /** The inside of a quoted field, up to its closing quote; "" stands for one quote. */
    private void readQuoted(StringBuilder field, int start) throws IOException, CsvException {
        while (true) {
            int c = read();
            if (c < 0) {
                throw new CsvException(start, "a quote opened on this line is never closed");
            }
            if (c == '"') {
                int after = read();
                if (after == '"') {
                    field.append('"');
                    continue;
                }
                unread(after);
                return;
            }
            field.append((char) c);
        }
    }

    private int read() throws IOException {
        int c;
        if (pushedBack != -2) {
            c = pushedBack;
            pushedBack = -2;
            return c;
        }
        c = in.read();
        if (!started) {
            started = true;
            if (c == '\uFEFF') {
                c = in.read();
            }
        }
        if (c == '\n') {
            line++;
        } else if (c == '\r') {
            in.mark(1);
            int after = in.read();
            in.reset();
            if (after != '\n') {
                line++;
            }
        }
        return c;
    }

    private void unread(int c) {
        pushedBack = c;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
