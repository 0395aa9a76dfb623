package org.jincai.bank.layout.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes a bank file one line at a time, strictly: bytes the charset does not know are an error
 * naming the line, never a replacement character, and a line longer than {@link #MAX_LINE_BYTES}
 * is refused instead of being held in memory. Splitting on the LF byte is safe for GBK and UTF-8,
 * whose multi-byte sequences never contain 0x0A. Memory stays flat whatever the file's size.
 */
final class StrictLineDecoder extends Reader {

    /** Far above any real line of a payroll file, low enough to keep a hostile file from filling memory. */
    static final int MAX_LINE_BYTES = 64 * 1024;

    /** A line whose bytes are not valid in the charset. */
    static final class UndecodableLineException extends IOException {
        final int line;

        UndecodableLineException(int line, CharacterCodingException cause) {
            super("bytes that are not valid in the file's character set on line " + line, cause);
            this.line = line;
        }
    }

    /** A line longer than {@link #MAX_LINE_BYTES}. */
    static final class LineTooLongException extends IOException {
        final int line;

        LineTooLongException(int line) {
            super("line " + line + " is longer than " + MAX_LINE_BYTES + " bytes");
            this.line = line;
        }
    }

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final ByteArrayOutputStream lineBytes = new ByteArrayOutputStream(256);
    private CharBuffer current = CharBuffer.allocate(0);
    private int line;

    StrictLineDecoder(InputStream in, Charset charset) {
        this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in);
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!current.hasRemaining()) {
            if (!nextLine()) {
                return -1;
            }
        }
        int n = Math.min(len, current.remaining());
        current.get(cbuf, off, n);
        return n;
    }

    private boolean nextLine() throws IOException {
        lineBytes.reset();
        int b;
        while ((b = in.read()) != -1) {
            lineBytes.write(b);
            if (b == '\n') {
                break;
            }
            if (lineBytes.size() > MAX_LINE_BYTES) {
                throw new LineTooLongException(line + 1);
            }
        }
        if (lineBytes.size() == 0) {
            return false;
        }
        line++;
        try {
            current = decoder.decode(ByteBuffer.wrap(lineBytes.toByteArray()));
        } catch (CharacterCodingException e) {
            throw new UndecodableLineException(line, e);
        }
        return true;
    }

    @Override
    public void close() {
        // the caller owns the stream
    }
}
