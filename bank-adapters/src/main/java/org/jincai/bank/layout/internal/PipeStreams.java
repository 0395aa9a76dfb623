package org.jincai.bank.layout.internal;

import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.beanio.BeanWriter;
import org.beanio.StreamFactory;
import org.jincai.bank.layout.PipeDetail;
import org.jincai.bank.layout.PipeReturnLine;
import org.jincai.bank.layout.PipeSummary;

/**
 * The BeanIO streams of {@code layout/pipe-gbk.xml} and the conversions between their map records and
 * the layout's records. Reading decodes strictly (a byte the charset does not know is an error, never
 * a replacement character) and every BeanIO error becomes a coded, located exception ({@link BeanIoStreams}).
 */
public final class PipeStreams {

    public static final String MAPPING = "layout/pipe-gbk.xml";
    public static final String PAYMENT_READ = "pipe-payment-read";
    public static final String PAYMENT_WRITE = "pipe-payment-write";
    public static final String RETURN_READ = "pipe-return-read";
    public static final String RETURN_WRITE = "pipe-return-write";

    public static final String SUMMARY = "summary";
    public static final String DETAIL = "detail";

    /** The layout's field separator, refused inside any field. */
    public static final char SEPARATOR = '|';

    /** Loaded once; a StreamFactory is safe to share once its mapping is loaded. */
    private static final StreamFactory FACTORY = BeanIoStreams.load(MAPPING);

    private PipeStreams() {
    }

    /** Reads every record of {@code in} through {@code stream}, strictly decoded in {@code charset}. */
    public static void read(String stream, String fileName, InputStream in, Charset charset, BeanIoStreams.LineHandler handler) {
        BeanIoStreams.read(FACTORY, stream, "pipe", fileName, in, charset, handler);
    }

    /** Lines collected in order (small files such as return files). */
    public static List<BeanIoStreams.Line> readAll(String stream, String fileName, InputStream in, Charset charset) {
        return BeanIoStreams.readAll(FACTORY, stream, "pipe", fileName, in, charset);
    }

    /** A writer for {@code stream} that refuses (never replaces) a character the charset cannot encode. */
    public static BeanWriter writer(String stream, OutputStream out, Charset charset) {
        return BeanIoStreams.writer(FACTORY, stream, out, charset);
    }

    /** Refuses a field holding the separator or a line break (or any control character). */
    public static void requireNoSeparator(String value, String field, String location) {
        FieldChecks.requireNoSeparator(value, SEPARATOR, field, location);
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
}
