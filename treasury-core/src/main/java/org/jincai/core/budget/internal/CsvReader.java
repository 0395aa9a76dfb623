package org.jincai.core.budget.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads comma-separated values (RFC 4180) one record at a time: fields in double quotes may hold commas, line
 * breaks and doubled quotes; unquoted fields are stripped of surrounding blanks; blank lines are skipped; a byte
 * order mark at the start is dropped. Each physical line is decoded strictly on its own, so bytes that are not
 * the file's character set stop the reading with a {@link CsvException} naming their line — never a replacement
 * character in a budget code. The character sets read are those whose line feed is the single byte 0x0A, never
 * part of another character: {@link #CHARSETS}.
 */
public final class CsvReader implements AutoCloseable {

    /** The character sets a budget file may be written in. */
    public static final Set<String> CHARSETS = Set.of("UTF-8", "GBK", "GB18030");
    /** The longest physical line read (a file without line breaks is not a budget file). */
    public static final int MAX_LINE_BYTES = 64 * 1024;

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

    private final InputStream in;
    private final CharsetDecoder decoder;
    private String current;
    private int pos;
    private int line;

    public CsvReader(InputStream in, Charset charset) {
        if (!CHARSETS.contains(charset.name())) {
            throw new IllegalArgumentException("a budget file is read as " + String.join(", ", CHARSETS) + ", not "
                    + charset.name());
        }
        this.in = new BufferedInputStream(in);
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** The next record, or null at the end of the file. */
    public Record next() throws CsvException {
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
                return new Record(start, fields);
            }
            if (c == ',') {
                fields.add(quoted ? field.toString() : field.toString().strip());
                field.setLength(0);
                quoted = false;
            } else if (c == '"' && !quoted && field.toString().isBlank()) {
                field.setLength(0);
                quoted = true;
                readQuoted(field, start);
                c = read();
                while (c == ' ' || c == '\t') {
                    c = read();
                }
                if (c >= 0 && c != ',' && c != '\n' && c != '\r') {
                    throw new CsvException(line, "text after a closing quote");
                }
                continue;
            } else if (quoted) {
                throw new CsvException(line, "text after a closing quote");
            } else {
                field.append((char) c);
            }
            c = read();
        }
    }

    /** The inside of a quoted field, up to its closing quote; "" stands for one quote. */
    private void readQuoted(StringBuilder field, int start) throws CsvException {
        while (true) {
            int c = read();
            if (c < 0) {
                throw new CsvException(start, "a quote opened on this line is never closed");
            }
            if (c == '"') {
                if (peek() == '"') {
                    read();
                    field.append('"');
                    continue;
                }
                return;
            }
            field.append((char) c);
        }
    }

    private int peek() throws CsvException {
        if (!fill()) {
            return -1;
        }
        return current.charAt(pos);
    }

    private int read() throws CsvException {
        if (!fill()) {
            return -1;
        }
        return current.charAt(pos++);
    }

    /** Makes sure a character is waiting, decoding the next physical line when the current one is used up. */
    private boolean fill() throws CsvException {
        while (current == null || pos >= current.length()) {
            byte[] bytes = physicalLine();
            if (bytes == null) {
                return false;
            }
            line++;
            try {
                current = decoder.reset().decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new CsvException(line, "the bytes of this line are not " + decoder.charset().name() + " text");
            }
            if (line == 1 && current.startsWith("\uFEFF")) {
                current = current.substring(1);
            }
            pos = 0;
        }
        return true;
    }

    /** The bytes up to and including the next line feed, or to the end; null at the end of the file. */
    private byte[] physicalLine() throws CsvException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            while (b >= 0) {
                bytes.write(b);
                if (b == '\n') {
                    break;
                }
                if (bytes.size() > MAX_LINE_BYTES) {
                    throw new CsvException(line + 1, "a line longer than " + MAX_LINE_BYTES + " bytes");
                }
                b = in.read();
            }
        } catch (IOException e) {
            throw new CsvException(line + 1, "the file cannot be read: " + e.getMessage());
        }
        return bytes.toByteArray();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
