package org.jincai.formats.inspect;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;
import org.jincai.formats.fiscal.FiscalEnvelopeReadResult;
import org.jincai.formats.fiscal.FiscalEnvelopes;
import org.jincai.formats.fiscal.FiscalReadOptions;
import org.jincai.formats.fiscal.FiscalReadResult;
import org.jincai.formats.fiscal.sign.VoucherVerifier;
import org.jincai.formats.iso20022.CamtReader;
import org.jincai.formats.iso20022.EntryTransaction;
import org.jincai.formats.iso20022.IsoMessages;
import org.jincai.formats.iso20022.IsoProblemCodes;
import org.jincai.formats.iso20022.IsoReadOptions;
import org.jincai.formats.iso20022.Pain001Reader;
import org.jincai.formats.iso20022.Pain002Reader;
import org.jincai.formats.iso20022.PaymentInstruction;
import org.jincai.formats.iso20022.StatementEntry;
import org.jincai.formats.iso20022.TransactionStatus;
import org.jincai.formats.xml.SecureXml;

/**
 * Tells what a file is by its content, not its name, and inspects it: the fiscal MOF envelope or a bare
 * inner {@code <Voucher>} ({@value #FISCAL_VOUCHER}; strict: the fiscal reader's strict mode), an ISO 20022 message by the version in its namespace
 * ({@code camt.053.001.08}, {@code pain.001.001.09}, ...; the bare message, {@code camt.053}, for a
 * document without a namespace). With {@code strict} the ISO readers run in strict mode (XSD
 * violations are errors) and the fiscal reader's warnings count as errors; otherwise in lenient mode.
 *
 * <p>Anything else is {@code readable=false} with {@value #FORMAT_UNKNOWN}: that is the hook for the
 * bank text layouts, which live in {@code bank-adapters}; a caller that gets FORMAT_UNKNOWN tries those.
 * An XML document that cannot be parsed (not well-formed, a DTD) is unreadable with that code instead.
 *
 * <p>Summaries (values JSON-ready: integers, amounts as strings, nested maps):
 * <ul>
 *   <li>camt.053 / camt.054: {@code statements, entries, credit {CCY: amount}, debit {CCY: amount}} (every
 *       entry, whatever its status), {@code byStatus {BOOK: n, PDNG: n, INFO: n, none: n}}, and
 *       {@code notBooked {entry: "PDNG DBIT 100.00 CNY on 2026-12-01 EndToEndId ..."}}: the entries that move no
 *       money (pending, informative, without status), by AcctSvcrRef (else statement id / position), at most
 *       100 and the count of the rest under {@code more};</li>
 *   <li>pain.001: {@code messageId, paymentInformations, transactions, controlSum} (the sum of the
 *       instructed amounts, not the declared CtrlSum);</li>
 *   <li>pain.002: {@code originalMessageId, groupStatus, transactions {STATUS: n}};</li>
 *   <li>fiscal voucher, of any type the fiscal reader supports: {@code vouchers, byVtCode {VtCode: n}, payAmt}
 *       (the sum of each voucher's total, the header amount of its type's first total rule: PayAmt of a
 *       payment, a clearing request or a refund notice, SumAmt of a batch payment detail, PlanAmt of a quota
 *       notice).</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class FormatInspector {

    public static final String FORMAT_UNKNOWN = "FORMAT_UNKNOWN";
    /** The format of a content that is none of the formats this module knows. */
    public static final String UNKNOWN = "unknown";
    public static final String FISCAL_VOUCHER = "fiscal-voucher";

    private static final String BOOKED = "BOOK";
    private static final String NO_STATUS = "none";
    private static final String MORE = "more";
    private static final int MAX_LISTED = 100;

    private FormatInspector() {
    }

    public static Inspection inspect(Path file, boolean strict) {
        return inspect(file, strict, null);
    }

    /**
     * As {@link #inspect(Path, boolean)}; with a verifier, every fiscal voucher must carry signatures and each
     * must verify over the base64 text of its {@code <Voucher>} (SIGNATURE_MISSING, SIGNATURE_INVALID,
     * CERTIFICATE_UNKNOWN, …; SIGNATURE_SHA1 as a warning), and the summary counts the signatures checked.
     */
    public static Inspection inspect(Path file, boolean strict, VoucherVerifier verifier) {
        String name = file.toString();
        String location = file.getFileName() == null ? name : file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            return unreadable(name, UNKNOWN, Problem.of(FORMAT_UNKNOWN, "not a readable file", location));
        }
        if (!looksLikeXml(file)) {
            return unreadable(name, UNKNOWN, Problem.of(FORMAT_UNKNOWN, "the content is not XML; not a format this"
                    + " module reads (a bank text layout is detected by bank-adapters)", location));
        }
        IsoMessages.Identity id;
        try {
            id = IsoMessages.identify(file, location);
        } catch (FormatException e) {
            String code = IsoProblemCodes.ISO_NOT_READABLE.equals(e.code()) ? SecureXml.XML_NOT_WELL_FORMED : e.code();
            return unreadable(name, UNKNOWN, Problem.of(code, e.problem().message(), e.problem().location()));
        }
        try {
            if ("MOF".equals(id.root()) || "Voucher".equals(id.root())) {
                return fiscal(file, name, location, strict, verifier);
            }
            if (!id.isIso()) {
                return unreadable(name, UNKNOWN, Problem.of(FORMAT_UNKNOWN, "an XML document with root <" + id.root()
                        + ">" + (id.messageElement() == null ? "" : " / <" + id.messageElement() + ">")
                        + " is not a format this module reads", location));
            }
            IsoReadOptions options = strict ? IsoReadOptions.schemaStrict() : IsoReadOptions.lenient();
            return switch (id.family()) {
                case "camt.053", "camt.054" -> camt(file, name, location, options);
                case "pain.001" -> pain001(file, name, location, options);
                case "pain.002" -> pain002(file, name, location, options);
                default -> unreadable(name, id.messageNameId() == null ? id.family() : id.messageNameId(),
                        Problem.of(IsoProblemCodes.ISO_UNSUPPORTED_MESSAGE, id.family() + " is not read by the hub", location));
            };
        } catch (FormatException e) {
            String format = id.isIso() ? (id.messageNameId() == null ? id.family() : id.messageNameId())
                    : "MOF".equals(id.root()) || "Voucher".equals(id.root()) ? FISCAL_VOUCHER : UNKNOWN;
            return unreadable(name, format, e.problem());
        }
    }

    // ------------------------------------------------------------------ ISO 20022

    private static Inspection camt(Path file, String name, String location, IsoReadOptions options) {
        Map<String, Integer> byStatus = new TreeMap<>();
        Map<String, Object> notBooked = new LinkedHashMap<>();
        int[] position = {0};
        CamtReader.Result r = CamtReader.any(options).read(file, location, (statement, entry) -> {
            position[0]++;
            String status = entry.status() == null ? NO_STATUS : entry.status();
            byStatus.merge(status, 1, Integer::sum);
            if (!BOOKED.equals(entry.status())) {
                if (notBooked.size() < MAX_LISTED) {
                    notBooked.put(entry.accountServicerReference() != null ? entry.accountServicerReference()
                            : statement.id() + "/" + position[0], notBooked(status, entry));
                } else {
                    notBooked.merge(MORE, 1, (a, b) -> (Integer) a + 1);
                }
            }
        });
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("statements", r.statements());
        summary.put("entries", r.entries());
        summary.put("credit", amounts(r.credit()));
        summary.put("debit", amounts(r.debit()));
        summary.put("byStatus", new LinkedHashMap<>(byStatus));
        summary.put("notBooked", notBooked);
        return new Inspection(name, r.messageNameId(), r.valid(), true, r.errors(), r.warnings(), summary);
    }

    /** What an operator needs to see of an entry that moves no money yet. */
    private static String notBooked(String status, StatementEntry e) {
        StringBuilder b = new StringBuilder(status);
        b.append(' ').append(e.creditDebit()).append(' ').append(e.amount() == null ? "(no amount)" : e.amount().toPlainString())
                .append(' ').append(e.currency());
        if (e.bookingDay() != null) {
            b.append(" on ").append(e.bookingDay());
        }
        List<String> ids = e.transactions().stream().map(EntryTransaction::endToEndId).filter(Objects::nonNull)
                .toList();
        if (!ids.isEmpty()) {
            b.append(" EndToEndId ").append(String.join(",", ids));
        }
        return b.toString();
    }

    private static Inspection pain001(Path file, String name, String location, IsoReadOptions options) {
        Pain001Reader.Result r = new Pain001Reader(options).readCollecting(file, location);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("messageId", r.initiation().messageId());
        summary.put("paymentInformations", r.initiation().paymentInstructions().size());
        summary.put("transactions", r.initiation().numberOfTransactions());
        BigDecimal sum = BigDecimal.ZERO;
        for (PaymentInstruction p : r.initiation().paymentInstructions()) {
            sum = sum.add(p.controlSum());
        }
        summary.put("controlSum", sum.toPlainString());
        return new Inspection(name, format(r.messageNameId(), "pain.001"), r.problems().isEmpty(), true, r.problems(),
                r.warnings(), summary);
    }

    private static Inspection pain002(Path file, String name, String location, IsoReadOptions options) {
        Pain002Reader.Result r = new Pain002Reader(options).readChecked(file, location);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("originalMessageId", r.report().originalMessageId());
        summary.put("groupStatus", r.report().groupStatus());
        Map<String, Integer> byStatus = new TreeMap<>();
        for (TransactionStatus t : r.report().transactions()) {
            byStatus.merge(t.status() == null ? "" : t.status(), 1, Integer::sum);
        }
        summary.put("transactions", new LinkedHashMap<>(byStatus));
        return new Inspection(name, format(r.messageNameId(), "pain.002"), r.errors().isEmpty(), true, r.errors(),
                r.warnings(), summary);
    }

    private static String format(String messageNameId, String family) {
        if (messageNameId == null) {
            return family;
        }
        if (messageNameId.startsWith(IsoMessages.ISO_NAMESPACE_PREFIX)) {
            return messageNameId.substring(IsoMessages.ISO_NAMESPACE_PREFIX.length());
        }
        return messageNameId;
    }

    private static Map<String, Object> amounts(Map<String, BigDecimal> sums) {
        Map<String, Object> out = new LinkedHashMap<>();
        new TreeMap<>(sums).forEach((ccy, amount) -> out.put(ccy, amount.toPlainString()));
        return out;
    }

    // ------------------------------------------------------------------ fiscal

    private static Inspection fiscal(Path file, String name, String location, boolean strict, VoucherVerifier verifier) {
        FiscalReadOptions options = FiscalReadOptions.defaults();
        if (strict) {
            options = options.withMode(FiscalReadOptions.Mode.STRICT);
        }
        if (verifier != null) {
            options = options.withSignatureVerifier(verifier);
        }
        FiscalEnvelopeReadResult r;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            r = FiscalEnvelopes.readFile(in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, options.maxEnvelopeBytes() + 1)),
                    location, options);
        } catch (IOException e) {
            return unreadable(name, FISCAL_VOUCHER, Problem.of(FORMAT_UNKNOWN, "cannot read the file: " + e.getMessage(),
                    location));
        }
        List<Problem> errors = new ArrayList<>(r.envelopeErrors());
        List<Problem> warnings = new ArrayList<>();
        Map<String, Integer> byVtCode = new TreeMap<>();
        BigDecimal payAmt = BigDecimal.ZERO.setScale(2);
        for (FiscalReadResult v : r.vouchers()) {
            errors.addAll(v.errors());
            (strict ? errors : warnings).addAll(v.warnings());
            String vt = v.body().vtCode() == null ? "" : v.body().vtCode();
            byVtCode.merge(vt, 1, Integer::sum);
            BigDecimal total = v.voucher() == null ? null : v.voucher().total();
            if (total != null) {
                payAmt = payAmt.add(total);
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("vouchers", r.vouchers().size());
        summary.put("byVtCode", new LinkedHashMap<>(byVtCode));
        summary.put("payAmt", payAmt.toPlainString());
        if (verifier != null) {
            int signatures = r.vouchers().stream().mapToInt(v -> v.body().signatures().size()).sum();
            long failed = r.vouchers().stream().flatMap(v -> v.errors().stream())
                    .filter(p -> p.location().contains(" / Signature")).count();
            summary.put("signatures", new LinkedHashMap<>(Map.of("carried", signatures, "verified", signatures - (int) failed)));
        }
        return new Inspection(name, FISCAL_VOUCHER, errors.isEmpty(), true, errors, warnings, summary);
    }

    // ------------------------------------------------------------------ helpers

    private static Inspection unreadable(String name, String format, Problem problem) {
        return new Inspection(name, format, false, false, List.of(problem), List.of(), Map.of());
    }

    /** The first non-blank character (after a byte order mark) is '<', in UTF-8 or UTF-16. */
    private static boolean looksLikeXml(Path file) {
        byte[] head = new byte[64];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return false;
        }
        int i = 0;
        if (n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            i = 3;
        } else if (n >= 2 && ((head[0] & 0xFF) == 0xFE || (head[0] & 0xFF) == 0xFF)) {
            return true;
        }
        for (; i < n; i++) {
            byte b = head[i];
            if (b == '<') {
                return true;
            }
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t' && b != 0) {
                return false;
            }
        }
        return false;
    }
}
