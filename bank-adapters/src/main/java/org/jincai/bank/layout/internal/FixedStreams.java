package org.jincai.bank.layout.internal;

import static org.jincai.bank.file.BankFileErrors.CHARSET_UNENCODABLE;
import static org.jincai.bank.file.BankFileErrors.UNDECODABLE_BYTES;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.beanio.BeanWriter;
import org.beanio.StreamFactory;
import org.jincai.bank.file.BankFileException;
import org.jincai.bank.file.Transliteration;
import org.jincai.bank.layout.FixedDetail;
import org.jincai.bank.layout.FixedHeader;
import org.jincai.bank.layout.FixedReturnLine;
import org.jincai.bank.layout.FixedTrailer;
import org.jincai.formats.Problem;

/**
 * The BeanIO streams of {@code layout/fixed-gbk.xml}, whose widths are byte counts. BeanIO counts
 * characters, so it is given each line as ISO-8859-1 text (one char per byte): its positions, padding
 * and lengths are then byte positions, and a Chinese character in GBK simply occupies two of them.
 * Text fields are converted at this boundary: encoded in the bank's charset before writing, decoded
 * strictly after reading (bytes that are not a character, such as half of a GBK character cut by a
 * field's end, are UNDECODABLE_BYTES naming the line and field, never a replacement character).
 */
public final class FixedStreams {

    public static final String MAPPING = "layout/fixed-gbk.xml";
    public static final String PAYMENT_READ = "fixed-payment-read";
    public static final String PAYMENT_WRITE = "fixed-payment-write";
    public static final String RETURN_READ = "fixed-return-read";
    public static final String RETURN_WRITE = "fixed-return-write";

    public static final String HEADER = "header";
    public static final String DETAIL = "detail";
    public static final String TRAILER = "trailer";

    /** The fields holding text in the bank's charset; every other field is ASCII digits or a literal. */
    private static final Set<String> TEXT_FIELDS = Set.of("messageId", "payerAccount", "payerName", "endToEndId",
            "payeeAccount", "payeeName", "payeeBankNo", "status", "reasonCode", "reasonText");

    /** One byte, one char: BeanIO's view of the file. */
    private static final Charset BYTES = StandardCharsets.ISO_8859_1;

    private static final StreamFactory FACTORY = BeanIoStreams.load(MAPPING);

    private FixedStreams() {
    }

    /** Reads every record of {@code in} through {@code stream}; text fields come decoded from {@code charset}. */
    public static void read(String stream, String fileName, InputStream in, Charset charset, BeanIoStreams.LineHandler handler) {
        BeanIoStreams.read(FACTORY, stream, "fixed-width", fileName, in, BYTES,
                line -> handler.accept(decoded(line, charset, fileName)));
    }

    /** Records collected in order (small files such as return files). */
    public static List<BeanIoStreams.Line> readAll(String stream, String fileName, InputStream in, Charset charset) {
        List<BeanIoStreams.Line> lines = new ArrayList<>();
        read(stream, fileName, in, charset, lines::add);
        return lines;
    }

    /** A writer for {@code stream}; give it maps made by this class's {@code toMap} (text already as bytes). */
    public static BeanWriter writer(String stream, OutputStream out) {
        return BeanIoStreams.writer(FACTORY, stream, out, BYTES);
    }

    /** The length of {@code value} in bytes of {@code charset} (0 for null). */
    public static int byteLength(String value, Charset charset) {
        return value == null ? 0 : encode(value, charset, "", "").length;
    }

    private static BeanIoStreams.Line decoded(BeanIoStreams.Line line, Charset charset, String fileName) {
        Map<String, Object> fields = new LinkedHashMap<>(line.fields());
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (TEXT_FIELDS.contains(e.getKey()) && e.getValue() instanceof String raw) {
                try {
                    e.setValue(charset.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(raw.getBytes(BYTES))).toString());
                } catch (CharacterCodingException ex) {
                    throw new BankFileException(Problem.of(UNDECODABLE_BYTES, "field " + e.getKey() + " holds bytes that are not"
                            + " valid " + charset.name() + " (a character cut by the field's end?)",
                            "file " + fileName + " line " + line.lineNumber()), ex);
                }
            }
        }
        return new BeanIoStreams.Line(line.recordName(), line.lineNumber(), fields);
    }

    private static byte[] encode(String value, Charset charset, String field, String location) {
        try {
            ByteBuffer bytes = Transliteration.strictEncoder(charset).encode(CharBuffer.wrap(value));
            byte[] out = new byte[bytes.remaining()];
            bytes.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new BankFileException(Problem.of(CHARSET_UNENCODABLE, field + " cannot be encoded in " + charset.name(),
                    location), e);
        }
    }

    /** Text as BeanIO must see it: its bytes in {@code charset}, one char per byte. */
    private static String bytes(String value, Charset charset) {
        return value == null ? "" : new String(encode(value, charset, "field", ""), BYTES);
    }

    // ---- record <-> map ----

    public static Map<String, Object> toMap(FixedHeader h, Charset charset) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("messageId", bytes(h.messageId(), charset));
        m.put("processingDate", h.processingDate());
        m.put("payerAccount", bytes(h.payerAccount(), charset));
        m.put("payerName", bytes(h.payerName(), charset));
        return m;
    }

    public static Map<String, Object> toMap(FixedDetail d, Charset charset) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sequence", (long) d.sequence());
        m.put("endToEndId", bytes(d.endToEndId(), charset));
        m.put("payeeAccount", bytes(d.payeeAccount(), charset));
        m.put("payeeName", bytes(d.payeeName(), charset));
        m.put("payeeBankNo", bytes(d.payeeBankNo(), charset));
        m.put("amount", d.amountFen());
        return m;
    }

    public static Map<String, Object> toMap(FixedReturnLine r, Charset charset) {
        Map<String, Object> m = toMap(r.detail(), charset);
        m.put("status", bytes(r.status(), charset));
        m.put("reasonCode", bytes(r.reasonCode(), charset));
        m.put("reasonText", bytes(r.reasonText(), charset));
        return m;
    }

    public static Map<String, Object> toMap(FixedTrailer t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("totalCount", (long) t.totalCount());
        m.put("totalAmount", t.totalFen());
        return m;
    }

    public static FixedHeader header(Map<String, Object> m) {
        return new FixedHeader(text(m, "messageId"), (LocalDate) m.get("processingDate"), text(m, "payerAccount"),
                text(m, "payerName"));
    }

    public static FixedDetail detail(Map<String, Object> m) {
        return new FixedDetail(((Long) m.get("sequence")).intValue(), text(m, "endToEndId"), text(m, "payeeAccount"),
                text(m, "payeeName"), text(m, "payeeBankNo"), (Long) m.get("amount"));
    }

    public static FixedReturnLine returnLine(Map<String, Object> m) {
        return new FixedReturnLine(detail(m), text(m, "status"), text(m, "reasonCode"), text(m, "reasonText"));
    }

    public static FixedTrailer trailer(Map<String, Object> m) {
        return new FixedTrailer(((Long) m.get("totalCount")).intValue(), (Long) m.get("totalAmount"));
    }

    private static String text(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? "" : v.toString();
    }
}
