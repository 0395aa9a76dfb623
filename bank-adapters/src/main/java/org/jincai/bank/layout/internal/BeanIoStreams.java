package org.jincai.bank.layout.internal;

import static org.jincai.bank.file.BankFileErrors.IO_ERROR;
import static org.jincai.bank.file.BankFileErrors.MALFORMED_FILE;
import static org.jincai.bank.file.BankFileErrors.MALFORMED_LINE;
import static org.jincai.bank.file.BankFileErrors.UNDECODABLE_BYTES;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.beanio.BeanIOException;
import org.beanio.BeanReader;
import org.beanio.BeanReaderException;
import org.beanio.BeanReaderIOException;
import org.beanio.BeanWriter;
import org.beanio.InvalidRecordGroupException;
import org.beanio.RecordContext;
import org.beanio.StreamFactory;
import org.jincai.bank.file.BankFileException;
import org.jincai.formats.Problem;

/**
 * What the BeanIO layouts (pipe and fixed-width) share: loading a mapping once, reading records one
 * line at a time through a strict decoder, and turning every BeanIO error into a coded, located
 * {@link BankFileException} (MALFORMED_LINE with the line, MALFORMED_FILE, UNDECODABLE_BYTES, IO_ERROR).
 * Records are bound to maps; each layout converts them to its own records.
 */
public final class BeanIoStreams {

    private BeanIoStreams() {
    }

    /** One record read from a file: its name in the mapping, its 1-based line number and its fields. */
    public record Line(String recordName, int lineNumber, Map<String, Object> fields) {
    }

    /** Receives the records of a file in order; may refuse one by throwing. */
    @FunctionalInterface
    public interface LineHandler {
        void accept(Line line) throws BankFileException;
    }

    /** A factory with {@code mapping} (a classpath resource) loaded; safe to share once loaded. */
    public static StreamFactory load(String mapping) {
        StreamFactory factory = StreamFactory.newInstance();
        try (InputStream in = BeanIoStreams.class.getClassLoader().getResourceAsStream(mapping)) {
            if (in == null) {
                throw new IllegalStateException("BeanIO mapping " + mapping + " is not on the classpath");
            }
            factory.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot load BeanIO mapping " + mapping, e);
        }
        return factory;
    }

    /**
     * Reads every record of {@code in} through {@code stream}, decoding each line strictly in
     * {@code charset}. {@code layout} names the layout in the message of a file that is not one of it.
     */
    public static void read(StreamFactory factory, String stream, String layout, String fileName, InputStream in,
            Charset charset, LineHandler handler) {
        String file = "file " + fileName;
        BeanReader reader = factory.createReader(stream, new StrictLineDecoder(in, charset));
        try {
            Object record;
            int records = 0;
            while ((record = reader.read()) != null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = (Map<String, Object>) record;
                records++;
                handler.accept(new Line(reader.getRecordName(), reader.getLineNumber(), fields));
            }
            if (records == 0) {
                throw new BankFileException(MALFORMED_FILE, "the file is empty", file);
            }
        } catch (BeanReaderIOException e) {
            if (e.getCause() instanceof StrictLineDecoder.UndecodableLineException u) {
                throw new BankFileException(Problem.of(UNDECODABLE_BYTES, "bytes that are not valid " + charset.name(),
                        file + " line " + u.line), e);
            }
            if (e.getCause() instanceof StrictLineDecoder.LineTooLongException l) {
                throw new BankFileException(Problem.of(MALFORMED_LINE, l.getMessage(), file + " line " + l.line), e);
            }
            throw new BankFileException(Problem.of(IO_ERROR, "cannot read: " + e.getMessage(), file), e);
        } catch (InvalidRecordGroupException e) {
            // a whole group is wrong: typically no first record, or the file is empty
            throw new BankFileException(Problem.of(MALFORMED_FILE,
                    "not a " + layout + " file: " + firstLine(e.getMessage()), file), e);
        } catch (BeanReaderException e) {
            throw malformedLine(e, file);
        } finally {
            closeQuietly(reader);
        }
    }

    /** Records collected in order (small files such as return files). */
    public static List<Line> readAll(StreamFactory factory, String stream, String layout, String fileName, InputStream in,
            Charset charset) {
        List<Line> lines = new ArrayList<>();
        read(factory, stream, layout, fileName, in, charset, lines::add);
        return lines;
    }

    private static BankFileException malformedLine(BeanReaderException e, String file) {
        RecordContext ctx = e.getRecordContext();
        int line = ctx != null ? ctx.getLineNumber() : 0;
        // BeanIO's record errors restate the exception message in other words: use one or the other
        List<String> parts = new ArrayList<>();
        if (ctx != null && ctx.hasRecordErrors()) {
            String record = ctx.getRecordName() == null ? "" : ctx.getRecordName() + " line: ";
            ctx.getRecordErrors().forEach(error -> parts.add(record + error));
        } else {
            parts.add(firstLine(e.getMessage()));
        }
        if (ctx != null) {
            ctx.getFieldErrors().forEach((field, errors) -> parts.add(field + ": " + String.join(", ", errors)));
        }
        String message = String.join("; ", parts);
        return new BankFileException(Problem.of(MALFORMED_LINE, message, line > 0 ? file + " line " + line : file), e);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    private static void closeQuietly(BeanReader reader) {
        try {
            reader.close();
        } catch (BeanIOException ignored) {
            // the caller's stream; nothing was written, nothing is lost
        }
    }

    /** A writer for {@code stream} that refuses (never replaces) a character the charset cannot encode. */
    public static BeanWriter writer(StreamFactory factory, String stream, OutputStream out, Charset charset) {
        Writer text = new BufferedWriter(new OutputStreamWriter(out, charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)));
        return factory.createWriter(stream, text);
    }

    /** Writes one record; a write error is IO_ERROR. */
    public static void write(BeanWriter writer, String recordName, Map<String, Object> fields, String fileName) {
        try {
            writer.write(recordName, fields);
        } catch (BeanIOException e) {
            throw new BankFileException(Problem.of(IO_ERROR, "cannot write: " + e.getMessage(), "file " + fileName), e);
        }
    }

    /** Flushes without closing the caller's stream, and turns write errors into IO_ERROR. */
    public static void finish(BeanWriter writer, String fileName) {
        try {
            writer.flush();
        } catch (BeanIOException e) {
            throw new BankFileException(Problem.of(IO_ERROR, "cannot write: " + e.getMessage(), "file " + fileName), e);
        }
    }
}
