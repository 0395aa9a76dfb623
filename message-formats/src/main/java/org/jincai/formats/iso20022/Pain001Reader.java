package org.jincai.formats.iso20022;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;

/**
 * Reads a customer credit transfer initiation, pain.001.001.09 or pain.001.001.03, into the
 * version-independent {@link CreditTransferInitiation}. The simulated bank reads what the hub sends
 * with it, and the hub can read back what it sent.
 *
 * <p>The reader streams through {@link IsoXmlWalker} (never a whole-document String), so DTDs are
 * refused ({@code DOCTYPE_NOT_ALLOWED}) before any content is looked at. Accounts are taken from
 * {@code Id/Othr/Id} or {@code Id/IBAN}, agents from {@code FinInstnId/ClrSysMmbId/MmbId}; an
 * amount given only as an equivalent amount ({@code EqvtAmt/Amt}) is read in that currency.
 *
 * <p>Declared totals are checked against the transactions: {@link #read} refuses a document whose
 * NbOfTxs or CtrlSum disagree ({@value IsoProblemCodes#ISO_NB_OF_TXS_MISMATCH},
 * {@value IsoProblemCodes#ISO_CTRL_SUM_MISMATCH}); {@link #readCollecting} returns the content with
 * those problems listed, for a bank that answers them rather than failing. Instances are immutable
 * and thread-safe.
 */
public final class Pain001Reader {

    public static final String NAMESPACE_V09 = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";
    public static final String NAMESPACE_V03 = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03";

    private static final Map<String, String> NAMESPACES = Map.of(
            NAMESPACE_V09, "pain.001.001.09",
            NAMESPACE_V03, "pain.001.001.03");

    /** Readers collect; a file with thousands of wrong totals needs only the first few reported. */
    private static final int MAX_PROBLEMS = 100;

    private final IsoReadOptions options;

    public Pain001Reader() {
        this(IsoReadOptions.strict());
    }

    public Pain001Reader(IsoReadOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * What was read and what disagrees in it.
     *
     * @param messageNameId the version read ({@code pain.001.001.09}), the namespace for a namespace
     *                      admitted by the options, or null for a document without a namespace
     * @param problems      totals that disagree with the transactions, at most 100
     */
    public record Result(CreditTransferInitiation initiation, String messageNameId, List<Problem> problems,
            List<Problem> warnings) {
        public Result {
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
        }

        /** A result without warnings. */
        public Result(CreditTransferInitiation initiation, String messageNameId, List<Problem> problems) {
            this(initiation, messageNameId, problems, List.of());
        }
    }

    /**
     * Reads one pain.001 and refuses it whole when its declared totals disagree.
     *
     * @throws FormatException DOCTYPE_NOT_ALLOWED, ISO_NOT_READABLE, ISO_UNSUPPORTED_MESSAGE,
     *                         ISO_FIELD_MISSING, ISO_NB_OF_TXS_MISMATCH or ISO_CTRL_SUM_MISMATCH
     */
    public CreditTransferInitiation read(InputStream in, String location) {
        Result result = readCollecting(in, location);
        if (!result.problems().isEmpty()) {
            throw new FormatException(result.problems().get(0));
        }
        return result.initiation();
    }

    /**
     * Reads one pain.001, listing disagreeing totals instead of throwing on them.
     *
     * @throws FormatException DOCTYPE_NOT_ALLOWED, ISO_NOT_READABLE, ISO_UNSUPPORTED_MESSAGE or ISO_FIELD_MISSING
     */
    public Result readCollecting(InputStream in, String location) {
        if (options.schemaCheck() != IsoReadOptions.SchemaCheck.NONE) {
            return IsoMessages.readSpooled(in, tmp -> readCollecting(tmp, location));
        }
        Collector c = new Collector();
        IsoXmlWalker.Walk walk = IsoXmlWalker.walk(in, location, options, NAMESPACES, "CstmrCdtTrfInitn", c);
        List<Problem> problems = new ArrayList<>();
        List<Problem> warnings = new ArrayList<>();
        IsoMessages.admissionWarnings(walk.messageName(), NAMESPACES, location, warnings);
        CreditTransferInitiation done = c.finish(location);
        (options.isLenient() ? warnings : problems).addAll(walk.foreign());
        problems.addAll(c.problems);
        return new Result(done, walk.messageName(), problems, warnings);
    }

    /**
     * Reads a pain.001 file, with the XSD pass of the options: in strict mode
     * ({@link IsoReadOptions#schemaStrict()}) XSD violations join the problems, in lenient mode
     * ({@link IsoReadOptions#lenient()}) they are warnings.
     */
    public Result readCollecting(Path file, String location) {
        Collector c = new Collector();
        IsoXmlWalker.Walk walk = IsoMessages.readFile(file, location,
                in -> IsoXmlWalker.walk(in, location, options, NAMESPACES, "CstmrCdtTrfInitn", c));
        String name = walk.messageName();
        List<Problem> errors = new ArrayList<>();
        List<Problem> warnings = new ArrayList<>();
        IsoMessages.admissionWarnings(name, NAMESPACES, location, warnings);
        CreditTransferInitiation done = c.finish(location);
        IsoMessages.schemaPass(file, name == null ? "pain.001" : name, options, location, errors, warnings);
        (options.isLenient() ? warnings : errors).addAll(walk.foreign());
        errors.addAll(c.problems);
        return new Result(done, name, errors, warnings);
    }

    /** The state of one read; readers themselves hold none. */
    private final class Collector implements IsoXmlWalker.Visitor {
        private String messageId;
        private OffsetDateTime creationDateTime;
        private String initiatingPartyName;
        private Integer declaredNbOfTxs;
        private BigDecimal declaredCtrlSum;
        private String groupTotalsAt;
        private final List<PaymentInstruction> instructions = new ArrayList<>();
        private final List<Problem> problems = new ArrayList<>();
        private Pmt pmt;
        private Tx tx;

        @Override
        public void start(String path, IsoXmlWalker at) {
            switch (path) {
                case "PmtInf" -> pmt = new Pmt(instructions.size() + 1, at.where());
                case "PmtInf/CdtTrfTxInf" -> tx = new Tx(at.where());
                case "PmtInf/CdtTrfTxInf/Amt/InstdAmt", "PmtInf/CdtTrfTxInf/Amt/EqvtAmt/Amt" -> tx.currency = at.attribute("Ccy");
                default -> {
                }
            }
        }

        @Override
        public void end(String path, String text, IsoXmlWalker at) {
            switch (path) {
                case "GrpHdr/MsgId" -> messageId = text;
                case "GrpHdr/CreDtTm" -> creationDateTime = IsoValues.dateTime(text, options.offsetWhenAbsent(), at.where());
                case "GrpHdr/NbOfTxs" -> {
                    declaredNbOfTxs = IsoValues.count(text, at.where());
                    groupTotalsAt = at.where();
                }
                case "GrpHdr/CtrlSum" -> declaredCtrlSum = IsoValues.decimal(text, at.where());
                case "GrpHdr/InitgPty/Nm" -> initiatingPartyName = text;

                case "PmtInf/PmtInfId" -> pmt.id = text;
                case "PmtInf/BtchBookg" -> pmt.batchBooking = IsoValues.indicator(text, at.where());
                case "PmtInf/NbOfTxs" -> pmt.declaredNbOfTxs = IsoValues.count(text, at.where());
                case "PmtInf/CtrlSum" -> pmt.declaredCtrlSum = IsoValues.decimal(text, at.where());
                // .03 has the date as the element's text, .09 a choice of Dt or DtTm below it
                case "PmtInf/ReqdExctnDt" -> {
                    if (!text.isEmpty()) {
                        pmt.executionDate = IsoValues.date(text, at.where());
                    }
                }
                case "PmtInf/ReqdExctnDt/Dt" -> pmt.executionDate = IsoValues.date(text, at.where());
                case "PmtInf/ReqdExctnDt/DtTm" ->
                        pmt.executionDate = IsoValues.dateTime(text, options.offsetWhenAbsent(), at.where()).toLocalDate();
                case "PmtInf/Dbtr/Nm" -> pmt.debtorName = text;
                case "PmtInf/DbtrAcct/Id/Othr/Id", "PmtInf/DbtrAcct/Id/IBAN" -> pmt.debtorAccount = text;
                case "PmtInf/DbtrAgt/FinInstnId/ClrSysMmbId/MmbId" -> pmt.debtorAgent = text;
                case "PmtInf" -> finishPaymentInstruction();

                case "PmtInf/CdtTrfTxInf/PmtId/InstrId" -> tx.instructionId = text;
                case "PmtInf/CdtTrfTxInf/PmtId/EndToEndId" -> tx.endToEndId = text;
                case "PmtInf/CdtTrfTxInf/Amt/InstdAmt", "PmtInf/CdtTrfTxInf/Amt/EqvtAmt/Amt" ->
                        tx.amount = IsoValues.decimal(text, at.where());
                case "PmtInf/CdtTrfTxInf/CdtrAgt/FinInstnId/ClrSysMmbId/MmbId" -> tx.creditorAgent = text;
                case "PmtInf/CdtTrfTxInf/CdtrAgt/FinInstnId/Nm" -> tx.creditorAgentName = text;
                case "PmtInf/CdtTrfTxInf/Cdtr/Nm" -> tx.creditorName = text;
                case "PmtInf/CdtTrfTxInf/CdtrAcct/Id/Othr/Id", "PmtInf/CdtTrfTxInf/CdtrAcct/Id/IBAN" -> tx.creditorAccount = text;
                case "PmtInf/CdtTrfTxInf/RmtInf/Strd/CdtrRefInf/Tp/CdOrPrtry/Cd",
                        "PmtInf/CdtTrfTxInf/RmtInf/Strd/CdtrRefInf/Tp/CdOrPrtry/Prtry" -> tx.referenceType = text;
                case "PmtInf/CdtTrfTxInf/RmtInf/Strd/CdtrRefInf/Tp/Issr" -> tx.referenceIssuer = text;
                case "PmtInf/CdtTrfTxInf/RmtInf/Strd/CdtrRefInf/Ref" -> {
                    // the first structured reference is the one the hub keeps
                    if (tx.reference == null) {
                        tx.reference = text;
                    }
                }
                case "PmtInf/CdtTrfTxInf/RmtInf/Ustrd" ->
                        tx.remittance = tx.remittance == null ? text : tx.remittance + " " + text;
                case "PmtInf/CdtTrfTxInf" -> pmt.transactions.add(tx.build());
                default -> {
                    // everything else (postal addresses, purposes, charges, regulatory reporting) is not the hub's
                }
            }
        }

        private void finishPaymentInstruction() {
            PaymentInstruction done = new PaymentInstruction(pmt.id, pmt.executionDate, pmt.batchBooking,
                    pmt.debtorName, pmt.debtorAccount, pmt.debtorAgent, pmt.transactions);
            String block = "PmtInf[" + pmt.index + "]";
            checkTotals(block, pmt.declaredNbOfTxs, pmt.declaredCtrlSum, done.transactions().size(), done.controlSum(), pmt.where);
            instructions.add(done);
            pmt = null;
        }

        private void checkTotals(String block, Integer nbOfTxs, BigDecimal ctrlSum, int actualCount, BigDecimal actualSum,
                String where) {
            if (nbOfTxs != null && nbOfTxs != actualCount) {
                problem(IsoProblemCodes.ISO_NB_OF_TXS_MISMATCH, block + " declares NbOfTxs " + nbOfTxs + " but holds "
                        + actualCount + " transactions", where);
            }
            if (ctrlSum != null && ctrlSum.compareTo(actualSum) != 0) {
                problem(IsoProblemCodes.ISO_CTRL_SUM_MISMATCH, block + " declares CtrlSum " + ctrlSum.toPlainString()
                        + " but its amounts add up to " + actualSum.toPlainString(), where);
            }
        }

        private void problem(String code, String message, String where) {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(Problem.of(code, message, where));
            }
        }

        CreditTransferInitiation finish(String location) {
            if (IsoText.isBlank(messageId)) {
                throw IsoValues.missing("GrpHdr/MsgId", location);
            }
            CreditTransferInitiation done = new CreditTransferInitiation(messageId, creationDateTime, initiatingPartyName,
                    instructions);
            // the group totals can only be checked at the end but sit first in the file: report them first
            List<Problem> blockProblems = new ArrayList<>(problems);
            problems.clear();
            checkTotals("GrpHdr", declaredNbOfTxs, declaredCtrlSum, done.numberOfTransactions(), done.controlSum(),
                    groupTotalsAt == null ? location : groupTotalsAt);
            problems.addAll(blockProblems.subList(0, Math.min(blockProblems.size(), MAX_PROBLEMS - problems.size())));
            return done;
        }
    }

    private static final class Pmt {
        final int index;
        final String where;
        String id;
        LocalDate executionDate;
        boolean batchBooking;
        String debtorName;
        String debtorAccount;
        String debtorAgent;
        Integer declaredNbOfTxs;
        BigDecimal declaredCtrlSum;
        final List<CreditTransferTransaction> transactions = new ArrayList<>();

        Pmt(int index, String where) {
            this.index = index;
            this.where = where;
        }
    }

    private static final class Tx {
        final String where;
        String instructionId;
        String endToEndId;
        BigDecimal amount;
        String currency;
        String creditorName;
        String creditorAccount;
        String creditorAgent;
        String creditorAgentName;
        String remittance;
        String referenceType;
        String referenceIssuer;
        String reference;

        Tx(String where) {
            this.where = where;
        }

        CreditTransferTransaction build() {
            if (IsoText.isBlank(endToEndId)) {
                throw IsoValues.missing("PmtId/EndToEndId", where);
            }
            if (amount == null) {
                throw IsoValues.missing("Amt/InstdAmt", where);
            }
            if (IsoText.isBlank(currency)) {
                throw IsoValues.missing("the Ccy of the amount", where);
            }
            return new CreditTransferTransaction(instructionId, endToEndId, IsoAmounts.asRead(amount, currency),
                    currency, creditorName, creditorAccount, creditorAgent, creditorAgentName, remittance,
                    reference == null ? null : new CreditorReference(referenceType, referenceIssuer, reference));
        }
    }
}
