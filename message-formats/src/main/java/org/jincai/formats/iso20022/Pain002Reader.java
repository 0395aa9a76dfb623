package org.jincai.formats.iso20022;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;

/**
 * Reads a customer payment status report, pain.002.001.10 or pain.002.001.03 (the version comes
 * from the namespace), into the version-independent {@link PaymentStatusReport}.
 *
 * <p>What real banks send varies, and the reader takes it as it comes: the group status may be
 * absent; transactions sit under OrgnlPmtInfAndSts (or, in older layouts, directly under the
 * report); a transaction without its own TxSts (optional in .03) takes the status of its payment
 * information block, else the group's. The first reason of a status ({@code Rsn/Cd}, else
 * {@code Rsn/Prtry}) becomes its reason code, and all its AddtlInf lines are joined with a space.
 * A payment-information status without transactions under it is not reported (the hub's files
 * carry one block, so the group status says the same).
 *
 * <p>Documents without a namespace or in a national variant's namespace are read only when the
 * {@link IsoReadOptions} say so. Streaming and DTD-refusing through {@link IsoXmlWalker}.
 * Instances are immutable and thread-safe.
 */
public final class Pain002Reader {

    public static final String NAMESPACE_V10 = "urn:iso:std:iso:20022:tech:xsd:pain.002.001.10";
    public static final String NAMESPACE_V03 = "urn:iso:std:iso:20022:tech:xsd:pain.002.001.03";

    private static final Map<String, String> NAMESPACES = Map.of(
            NAMESPACE_V10, "pain.002.001.10",
            NAMESPACE_V03, "pain.002.001.03");

    private final IsoReadOptions options;

    public Pain002Reader() {
        this(IsoReadOptions.strict());
    }

    public Pain002Reader(IsoReadOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * @throws FormatException DOCTYPE_NOT_ALLOWED, ISO_NOT_READABLE, ISO_UNSUPPORTED_MESSAGE, or
     *                         ISO_FIELD_MISSING (no GrpHdr/MsgId)
     */
    public PaymentStatusReport read(InputStream in, String location) {
        if (options.schemaCheck() != IsoReadOptions.SchemaCheck.NONE) {
            Result r = readChecked(in, location);
            if (!r.errors().isEmpty()) {
                throw new FormatException(r.errors().get(0));
            }
            return r.report();
        }
        Parsed p = parse(in, location);
        if (!options.isLenient() && !p.foreign.isEmpty()) {
            throw new FormatException(p.foreign.get(0));
        }
        return p.report;
    }

    /**
     * A report with what the schema pass and the lenient admissions found.
     *
     * @param messageNameId {@code pain.002.001.10}; another version's or variant's name in lenient mode;
     *                      null for a document without a namespace
     * @param errors        XSD violations in strict mode
     * @param warnings      XSD violations in lenient mode, a missing or unknown namespace, no XSD bundled
     */
    public record Result(PaymentStatusReport report, String messageNameId, List<Problem> errors, List<Problem> warnings) {
        public Result {
            errors = List.copyOf(errors);
            warnings = List.copyOf(warnings);
        }
    }

    /** Reads a stream with the options' XSD pass (the stream is spooled to a temporary file for it). */
    public Result readChecked(InputStream in, String location) {
        if (options.schemaCheck() == IsoReadOptions.SchemaCheck.NONE) {
            Parsed p = parse(in, location);
            List<Problem> errors = new ArrayList<>();
            List<Problem> warnings = new ArrayList<>();
            IsoMessages.admissionWarnings(p.name, NAMESPACES, location, warnings);
            (options.isLenient() ? warnings : errors).addAll(p.foreign);
            return new Result(p.report, p.name, errors, warnings);
        }
        return IsoMessages.readSpooled(in, tmp -> readChecked(tmp, location));
    }

    /** Reads a file with the options' XSD pass. */
    public Result readChecked(Path file, String location) {
        Parsed p = IsoMessages.readFile(file, location, in -> parse(in, location));
        List<Problem> errors = new ArrayList<>();
        List<Problem> warnings = new ArrayList<>();
        IsoMessages.admissionWarnings(p.name, NAMESPACES, location, warnings);
        IsoMessages.schemaPass(file, p.name == null ? "pain.002" : p.name, options, location, errors, warnings);
        (options.isLenient() ? warnings : errors).addAll(p.foreign);
        return new Result(p.report, p.name, errors, warnings);
    }

    private record Parsed(PaymentStatusReport report, String name, List<Problem> foreign) {
    }

    private Parsed parse(InputStream in, String location) {
        Collector c = new Collector();
        IsoXmlWalker.Walk walk = IsoXmlWalker.walk(in, location, options, NAMESPACES, "CstmrPmtStsRpt", c);
        if (IsoText.isBlank(c.messageId)) {
            throw IsoValues.missing("GrpHdr/MsgId", location);
        }
        return new Parsed(new PaymentStatusReport(c.messageId, c.creationDateTime, c.originalMessageId,
                c.originalMessageNameId, c.groupStatus, c.group.code, c.group.text(), c.transactions), walk.messageName(),
                walk.foreign());
    }

    /** The first reason code and all additional information of one StsRsnInf list. */
    private static final class Reason {
        String code;
        final List<String> lines = new ArrayList<>();

        void code(String value) {
            if (code == null && !value.isEmpty()) {
                code = value;
            }
        }

        String text() {
            return lines.isEmpty() ? null : String.join(" ", lines);
        }
    }

    private final class Collector implements IsoXmlWalker.Visitor {
        String messageId;
        OffsetDateTime creationDateTime;
        String originalMessageId;
        String originalMessageNameId;
        String groupStatus;
        final Reason group = new Reason();
        final List<TransactionStatus> transactions = new ArrayList<>();
        String paymentInformationId;
        String paymentInformationStatus;
        Tx tx;

        @Override
        public void start(String path, IsoXmlWalker at) {
            switch (path) {
                case "OrgnlPmtInfAndSts" -> {
                    paymentInformationId = null;
                    paymentInformationStatus = null;
                }
                case "OrgnlPmtInfAndSts/TxInfAndSts", "TxInfAndSts" -> tx = new Tx();
                default -> {
                }
            }
        }

        @Override
        public void end(String path, String text, IsoXmlWalker at) {
            switch (path) {
                case "GrpHdr/MsgId" -> messageId = text;
                case "GrpHdr/CreDtTm" -> creationDateTime = IsoValues.dateTime(text, options.offsetWhenAbsent(), at.where());
                case "OrgnlGrpInfAndSts/OrgnlMsgId" -> originalMessageId = text;
                case "OrgnlGrpInfAndSts/OrgnlMsgNmId" -> originalMessageNameId = text;
                case "OrgnlGrpInfAndSts/GrpSts" -> groupStatus = text;
                case "OrgnlGrpInfAndSts/StsRsnInf/Rsn/Cd", "OrgnlGrpInfAndSts/StsRsnInf/Rsn/Prtry" -> group.code(text);
                case "OrgnlGrpInfAndSts/StsRsnInf/AddtlInf" -> group.lines.add(text);
                case "OrgnlPmtInfAndSts/OrgnlPmtInfId" -> paymentInformationId = text;
                case "OrgnlPmtInfAndSts/PmtInfSts" -> paymentInformationStatus = text;
                case "OrgnlPmtInfAndSts" -> {
                    paymentInformationId = null;
                    paymentInformationStatus = null;
                }
                default -> transactionField(path, text);
            }
        }

        private void transactionField(String path, String text) {
            String field;
            if (path.startsWith("OrgnlPmtInfAndSts/TxInfAndSts")) {
                field = path.substring("OrgnlPmtInfAndSts/TxInfAndSts".length());
            } else if (path.startsWith("TxInfAndSts")) {
                field = path.substring("TxInfAndSts".length());
            } else {
                return;
            }
            switch (field) {
                case "/OrgnlInstrId" -> tx.instructionId = text;
                case "/OrgnlEndToEndId" -> tx.endToEndId = text;
                case "/TxSts" -> tx.status = text;
                case "/StsRsnInf/Rsn/Cd", "/StsRsnInf/Rsn/Prtry" -> tx.reason.code(text);
                case "/StsRsnInf/AddtlInf" -> tx.reason.lines.add(text);
                case "" -> {
                    String status = tx.status != null ? tx.status
                            : paymentInformationStatus != null ? paymentInformationStatus : groupStatus;
                    transactions.add(new TransactionStatus(paymentInformationId, tx.instructionId, tx.endToEndId, status,
                            tx.reason.code, tx.reason.text()));
                    tx = null;
                }
                default -> {
                    // OrgnlTxRef, charges, acceptance times: not needed to move a payment along
                }
            }
        }
    }

    private static final class Tx {
        String instructionId;
        String endToEndId;
        String status;
        final Reason reason = new Reason();
    }
}
