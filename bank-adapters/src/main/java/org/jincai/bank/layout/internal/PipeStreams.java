package org.jincai.bank.layout.internal;

import static org.jincai.bank.file.BankFileErrors.FIELD_CONTAINS_SEPARATOR;
import static org.jincai.bank.file.BankFileErrors.FIELD_MISSING;
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
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import org.jincai.bank.layout.PipeDetail;
import org.jincai.bank.layout.PipeReturnLine;
import org.jincai.bank.layout.PipeSummary;
import org.jincai.formats.Problem;

/**
 * The BeanIO streams of {@code layout/pipe-gbk.xml} and the conversions between their map records and
 * the layout's records. Reading decodes strictly (a byte the charset does not know is an error, never
 * a replacement character) and turns every BeanIO error into a coded, located {@link BankFileException}.
 */
public final class PipeStreams {

    public static final String MAPPING = "layout/pipe-gbk.xml";
    public static final String PAYMENT_READ = "pipe-payment-read";
    public static final String PAYMENT_WRITE = "pipe-payment-write";
    public static final String RETURN_READ = "pipe-return-read";
    public static final String RETURN_WRITE = "pipe-return-write";

    public static final String SUMMARY = "summary";
    public static final String DETAIL = "detail";

    /** Loaded once; a StreamFactory is safe to share once its mapping is loaded. */
    private static final StreamFactory FACTORY = load();

    private PipeStreams() {
    }

    private static StreamFactory load() {
        StreamFactory factory = StreamFactory.newInstance();
        try (InputStream in = PipeStreams.class.getClassLoader().getResourceAsStream(MAPPING)) {
            if (in == null) {
                throw new IllegalStateException("BeanIO mapping " + MAPPING + " is not on the classpath");
            }
            factory.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot load BeanIO mapping " + MAPPING, e);
        }
        return factory;
    }

    /** One record read from a pipe file. */
    public record Line(String recordName, int lineNumber, Map<String, Object> fields) {
    }

    /** Receives the records of a file in order; may refuse one by throwing. */
    @FunctionalInterface
    public interface LineHandler {
        void accept(Line line) throws BankFileException;
    }

    /** Reads every record of {@code in} through {@code stream}, strictly decoded in {@code charset}. */
    public static void read(String stream, String fileName, InputStream in, Charset charset, LineHandler handler) {
        String file = "file " + fileName;
        BeanReader reader = FACTORY.createReader(stream, new StrictLineDecoder(in, charset));
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
                throw new BankFileException(MALFORMED_FILE, "the file is empty: no summary line", file);
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
            // a whole group is wrong: typically no summary line, or the file is empty
            throw new BankFileException(Problem.of(MALFORMED_FILE,
                    "not a pipe file: " + firstLine(e.getMessage()), file), e);
        } catch (BeanReaderException e) {
            throw malformedLine(e, file);
        } finally {
            closeQuietly(reader);
        }
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
        return new BankFileException(Problem.of(MALFORMED_LINE, message,
                line > 0 ? file + " line " + line : file), e);
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
    public static BeanWriter writer(String stream, OutputStream out, Charset charset) {
        Writer text = new BufferedWriter(new OutputStreamWriter(out, charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)));
        return FACTORY.createWriter(stream, text);
    }

    /** Flushes without closing the caller's stream, and turns write errors into IO_ERROR. */
    public static void finish(BeanWriter writer, String fileName) {
        try {
            writer.flush();
        } catch (BeanIOException e) {
            throw new BankFileException(Problem.of(IO_ERROR, "cannot write: " + e.getMessage(), "file " + fileName), e);
        }
    }

    public static void write(BeanWriter writer, String recordName, Map<String, Object> fields, String fileName) {
        try {
            writer.write(recordName, fields);
        } catch (BeanIOException e) {
            throw new BankFileException(Problem.of(IO_ERROR, "cannot write: " + e.getMessage(), "file " + fileName), e);
        }
    }

    // ---- field checks, run on every text before the first byte is written ----

    /** Refuses an empty mandatory field. */
    public static void requirePresent(String value, String field, String location) {
        if (value == null || value.isBlank()) {
            throw new BankFileException(FIELD_MISSING, field + " is empty", location);
        }
    }

    /** Refuses a field holding the separator or a line break (or any control character): it would shift the fields after it. */
    public static void requireNoSeparator(String value, String field, String location) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '|' || Character.isISOControl(c)) {
                throw new BankFileException(FIELD_CONTAINS_SEPARATOR, field + " contains "
                        + (c == '|' ? "the separator '|'" : String.format("control character U+%04X", (int) c))
                        + " at position " + (i + 1), location);
            }
        }
    }

    /** An encoder that reports what it cannot encode, for {@link CharsetEncoder#canEncode(CharSequence)} checks. */
    public static CharsetEncoder strictEncoder(Charset charset) {
        return charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** The first character of {@code value} that {@code encoder} cannot encode, as {@code 'X' (U+XXXX)}, or null. */
    public static String firstUnencodable(CharsetEncoder encoder, String value) {
        if (value == null || encoder.canEncode(value)) {
            return null;
        }
        int i = 0;
        while (i < value.length()) {
            int cp = value.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            if (!encoder.canEncode(ch)) {
                return "'" + ch + "' (U+" + String.format("%04X", cp) + ")";
            }
            i += Character.charCount(cp);
        }
        return "a character";
    }

    // ---- record <-> map ----

    public static Map<String, Object> toMap(PipeSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("messageId", s.messageId());
        m.put("processingDate", s.processingDate());
        m.put("unitNumber", s.unitNumber());
        m.put("payerName", s.payerName());
        m.put("totalCount", s.totalCount());
        m.put("totalAmount", s.totalAmount());
        return m;
    }

    public static Map<String, Object> toMap(PipeDetail d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("payeeId", d.payeeId());
        m.put("name", d.name());
        m.put("amount", d.amount());
        m.put("account", d.account());
        m.put("unitNumber", nullToEmpty(d.unitNumber()));
        m.put("idType", nullToEmpty(d.idType()));
        m.put("idNumber", nullToEmpty(d.idNumber()));
        m.put("sequence", d.sequence());
        return m;
    }

    public static Map<String, Object> toMap(PipeReturnLine r) {
        Map<String, Object> m = toMap(r.detail());
        m.put("status", r.status());
        m.put("reasonCode", nullToEmpty(r.reasonCode()));
        m.put("reasonText", nullToEmpty(r.reasonText()));
        return m;
    }

    public static PipeSummary summary(Map<String, Object> m) {
        return new PipeSummary(text(m, "messageId"), (LocalDate) m.get("processingDate"), text(m, "unitNumber"),
                text(m, "payerName"), (Integer) m.get("totalCount"), (BigDecimal) m.get("totalAmount"));
    }

    public static PipeDetail detail(Map<String, Object> m) {
        return new PipeDetail(text(m, "payeeId"), text(m, "name"), (BigDecimal) m.get("amount"), text(m, "account"),
                text(m, "unitNumber"), text(m, "idType"), text(m, "idNumber"), (Integer) m.get("sequence"));
    }

    public static PipeReturnLine returnLine(Map<String, Object> m) {
        return new PipeReturnLine(detail(m), text(m, "status"), text(m, "reasonCode"), text(m, "reasonText"));
    }

    private static String text(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? "" : v.toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Lines collected in order (small files such as return files). */
    public static List<Line> readAll(String stream, String fileName, InputStream in, Charset charset) {
        List<Line> lines = new ArrayList<>();
        read(stream, fileName, in, charset, lines::add);
        return lines;
    }
}
