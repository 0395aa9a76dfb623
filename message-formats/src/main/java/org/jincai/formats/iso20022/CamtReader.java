package org.jincai.formats.iso20022;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;
import org.jincai.formats.xml.SecureXml;

/**
 * Reads bank-to-customer statements (camt.053.001.02, .03, .04, .08) and debit/credit notifications
 * (camt.054.001.02, .04, .08) into the version-independent {@link BankStatement} and
 * {@link StatementEntry}, streaming: entries go to a {@link Handler} one at a time as they are read and
 * are never collected unless {@link #readAll} is asked, so a statement of a million entries reads in
 * flat memory. The paths the hub needs are the same in every version; where versions differ the reader
 * takes both forms ({@code Sts} as text or {@code Sts/Cd}, {@code RltdPties/Dbtr/Nm} or
 * {@code Dbtr/Pty/Nm}, a transaction amount in {@code Amt} or {@code AmtDtls}).
 *
 * <p>Parsing is done by the hub's one StAX parser, opened by {@link IsoDocument} (namespace-aware,
 * DTDs refused with {@code DOCTYPE_NOT_ALLOWED}); each element finds its place in a tree of the paths
 * read, and an element of another namespace than the document's is never taken for an ISO element
 * (ISO_FOREIGN_ELEMENT). A document that cannot be read at all throws {@link FormatException}
 * (ISO_NOT_READABLE, ISO_UNSUPPORTED_MESSAGE, DOCTYPE_NOT_ALLOWED); anything else is collected in the
 * {@link Result}: errors (an unparseable amount or date, a missing amount or CdtDbtInd, XSD violations
 * and foreign elements in strict mode) and warnings (lenient admissions, XSD violations and foreign
 * elements in lenient mode, balances that do not add up: opening booked + booked credits - booked
 * debits != closing booked, ISO_BALANCE_MISMATCH), each list capped at 100. An entry with an error is
 * still delivered and counted; its faulty field is null.
 *
 * <p>The XSD pass of the options needs a second read: a {@link Path} is read twice; a stream is
 * spooled to a temporary file first. Instances are immutable and thread-safe.
 */
public final class CamtReader {

    public static final String CAMT_053 = "camt.053";
    public static final String CAMT_054 = "camt.054";

    private static final Set<String> CAMT_053_NAMESPACES = Set.of(
            IsoMessages.ISO_NAMESPACE_PREFIX + "camt.053.001.02", IsoMessages.ISO_NAMESPACE_PREFIX + "camt.053.001.03",
            IsoMessages.ISO_NAMESPACE_PREFIX + "camt.053.001.04", IsoMessages.ISO_NAMESPACE_PREFIX + "camt.053.001.08");
    private static final Set<String> CAMT_054_NAMESPACES = Set.of(
            IsoMessages.ISO_NAMESPACE_PREFIX + "camt.054.001.02", IsoMessages.ISO_NAMESPACE_PREFIX + "camt.054.001.04",
            IsoMessages.ISO_NAMESPACE_PREFIX + "camt.054.001.08");

    static final int MAX_PROBLEMS = 100;
    private static final int MAX_TEXT = 100_000;

    /** Receives what is read, in document order. */
    public interface Handler {
        /** A statement's header and balances, before its first entry (or at its end when it has none). */
        default void statement(BankStatement statement) {
        }

        /** One entry; {@code statement} is its statement's header (no entries). */
        void entry(BankStatement statement, StatementEntry entry);
    }

    /**
     * What a read found.
     *
     * @param messageNameId {@code camt.053.001.08}; see {@link BankStatement#messageNameId()}
     * @param statements    Stmt (camt.054: Ntfctn) elements read
     * @param entries       Ntry elements read, in all statements
     * @param credit        sum of Ntry/Amt of credit entries, by currency (sorted)
     * @param debit         sum of Ntry/Amt of debit entries, by currency (sorted)
     */
    public record Result(String messageNameId, String messageId, int statements, long entries,
            Map<String, BigDecimal> credit, Map<String, BigDecimal> debit, List<Problem> errors, List<Problem> warnings) {

        public Result {
            credit = Collections.unmodifiableMap(new LinkedHashMap<>(credit));
            debit = Collections.unmodifiableMap(new LinkedHashMap<>(debit));
            errors = List.copyOf(errors);
            warnings = List.copyOf(warnings);
        }

        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /** A document read whole: the result and every statement with its entries. */
    public record Document(Result result, List<BankStatement> statements) {
        public Document {
            statements = List.copyOf(statements);
        }
    }

    private final String family;
    private final IsoReadOptions options;

    private CamtReader(String family, IsoReadOptions options) {
        this.family = family;
        this.options = Objects.requireNonNull(options, "options");
    }

    /** A reader of camt.053 statements. */
    public static CamtReader camt053(IsoReadOptions options) {
        return new CamtReader(CAMT_053, options);
    }

    /** A reader of camt.054 notifications. */
    public static CamtReader camt054(IsoReadOptions options) {
        return new CamtReader(CAMT_054, options);
    }

    /** A reader of either, as the document's message element says. */
    public static CamtReader any(IsoReadOptions options) {
        return new CamtReader(null, options);
    }

    /** Reads a file, entries to {@code handler}. */
    public Result read(Path file, Handler handler) {
        return read(file, file.getFileName().toString(), handler);
    }

    /** As {@link #read(Path, Handler)} with {@code location} in the problems. */
    public Result read(Path file, String location, Handler handler) {
        List<Problem> errors = new ArrayList<>();
        List<Problem> warnings = new ArrayList<>();
        IsoMessages.Identity id = IsoMessages.identify(file, location);
        String name = admit(id, location, warnings);
        IsoMessages.schemaPass(file, name, options, location, errors, warnings);
        return IsoMessages.readFile(file, location, in -> parse(in, location, handler, errors, warnings, name));
    }

    /** Reads a stream (spooled to a temporary file first when the options ask for an XSD pass). */
    public Result read(InputStream in, String location, Handler handler) {
        if (options.schemaCheck() != IsoReadOptions.SchemaCheck.NONE) {
            return IsoMessages.readSpooled(in, tmp -> read(tmp, location, handler));
        }
        return parse(in, location, handler, new ArrayList<>(), new ArrayList<>(), null);
    }

    /** Reads a whole file into memory: for small statements, tests and tools. */
    public Document readAll(Path file) {
        Collector c = new Collector();
        Result r = read(file, c);
        return new Document(r, c.finish());
    }

    /** Reads a whole stream into memory: for small statements, tests and tools. */
    public Document readAll(InputStream in, String location) {
        Collector c = new Collector();
        Result r = read(in, location, c);
        return new Document(r, c.finish());
    }

    private String admit(IsoMessages.Identity id, String location, List<Problem> warnings) {
        String f = family != null ? family : id.family();
        if (f == null || !(f.equals(CAMT_053) || f.equals(CAMT_054))) {
            throw new FormatException(IsoProblemCodes.ISO_UNSUPPORTED_MESSAGE, "not a camt.053 or camt.054 message: <"
                    + id.root() + "> / <" + id.messageElement() + ">", location);
        }
        return IsoMessages.admit(id, f, f.equals(CAMT_053) ? CAMT_053_NAMESPACES : CAMT_054_NAMESPACES, options, location,
                warnings);
    }

    private Result parse(InputStream in, String location, Handler handler, List<Problem> errors, List<Problem> warnings,
            String admittedName) {
        try (IsoDocument d = IsoDocument.open(in, location)) {
            if (d.messageElement() == null) {
                throw new FormatException(IsoProblemCodes.ISO_UNSUPPORTED_MESSAGE, "<" + d.root() + "> is empty", d.where());
            }
            String name = admittedName != null ? admittedName : admit(d.identity(), location, warnings);
            Parse p = new Parse(d, name, handler, errors, warnings);
            p.run();
            return p.result();
        }
    }

    // ------------------------------------------------------------------ the paths read

    private static final int IGNORE = 0;
    private static final int G_MSG_ID = 1;
    private static final int G_CRE_DT_TM = 2;
    private static final int STMT = 10;
    private static final int S_ID = 11;
    private static final int S_ELCTRNC_SEQ = 12;
    private static final int S_LGL_SEQ = 13;
    private static final int S_CRE_DT_TM = 14;
    private static final int S_FR_DT_TM = 15;
    private static final int S_TO_DT_TM = 16;
    private static final int S_ACCT_ID = 17;
    private static final int S_ACCT_CCY = 18;
    private static final int S_ACCT_OWNR = 19;
    private static final int S_SVCR_BIC = 20;
    private static final int S_SVCR_MMB = 21;
    private static final int S_SVCR_NM = 22;
    private static final int BAL = 30;
    private static final int BAL_TP = 31;
    private static final int BAL_AMT = 32;
    private static final int BAL_CDI = 33;
    private static final int BAL_DT = 34;
    private static final int BAL_DT_TM = 35;
    private static final int NTRY = 40;
    private static final int N_REF = 41;
    private static final int N_AMT = 42;
    private static final int N_CDI = 43;
    private static final int N_RVSL = 44;
    private static final int N_STS = 45;
    private static final int N_STS_CD = 46;
    private static final int N_BOOKG_DT = 47;
    private static final int N_BOOKG_DT_TM = 48;
    private static final int N_VAL_DT = 49;
    private static final int N_VAL_DT_TM = 50;
    private static final int N_ACCT_SVCR_REF = 51;
    private static final int N_DOMN = 52;
    private static final int N_FMLY = 53;
    private static final int N_SUB_FMLY = 54;
    private static final int N_PRTRY = 55;
    private static final int N_ADDTL = 56;
    private static final int BTCH = 60;
    private static final int B_MSG_ID = 61;
    private static final int B_PMT_INF_ID = 62;
    private static final int B_NB = 63;
    private static final int B_TTL = 64;
    private static final int B_CDI = 65;
    private static final int TX = 70;
    private static final int T_MSG_ID = 71;
    private static final int T_ACCT_SVCR_REF = 72;
    private static final int T_PMT_INF_ID = 73;
    private static final int T_INSTR_ID = 74;
    private static final int T_E2E = 75;
    private static final int T_TX_ID = 76;
    private static final int T_AMT = 77;
    private static final int T_AMT_DTLS = 78;
    private static final int T_INSTD_AMT = 79;
    private static final int T_CDI = 80;
    private static final int T_DBTR_NM = 81;
    private static final int T_DBTR_ACCT = 82;
    private static final int T_CDTR_NM = 83;
    private static final int T_CDTR_ACCT = 84;
    private static final int T_DBTR_AGT = 85;
    private static final int T_CDTR_AGT = 86;
    private static final int T_USTRD = 87;
    private static final int T_REF = 88;
    private static final int T_REF_TP = 89;
    private static final int T_REF_ISSR = 90;
    private static final int T_REF_REF = 91;
    private static final int T_ADDTL = 92;

    /** A node of the tree of paths the reader cares about; everything else maps to {@link #IGNORED}. */
    private static class Node {
        final int id;
        final Map<String, Node> kids = new HashMap<>();
        /** Whether the element's own text is read: a leaf, or Sts, which is text up to .04 and has Cd from .08. */
        boolean text;

        Node(int id) {
            this.id = id;
        }

        Node child(String name) {
            Node n = kids.get(name);
            return n == null ? IGNORED : n;
        }

        Node add(String path, int id) {
            Node n = this;
            String[] parts = path.split("/");
            for (int i = 0; i < parts.length; i++) {
                Node next = n.kids.get(parts[i]);
                if (next == null) {
                    next = new Node(i == parts.length - 1 ? id : IGNORE);
                    n.kids.put(parts[i], next);
                } else if (i == parts.length - 1 && next.id == IGNORE) {
                    Node replaced = new Node(id);
                    replaced.kids.putAll(next.kids);
                    n.kids.put(parts[i], replaced);
                    next = replaced;
                }
                n = next;
            }
            return n;
        }
    }

    private static final Node IGNORED = new Node(IGNORE) {
        @Override
        Node child(String name) {
            return this;
        }
    };

    /** The tree below the message element (BkToCstmrStmt, BkToCstmrDbtCdtNtfctn). */
    private static final Node MESSAGE = buildTree();

    private static Node buildTree() {
        Node m = new Node(IGNORE);
        m.add("GrpHdr/MsgId", G_MSG_ID);
        m.add("GrpHdr/CreDtTm", G_CRE_DT_TM);
        Node s = new Node(STMT);
        s.add("Id", S_ID);
        s.add("ElctrncSeqNb", S_ELCTRNC_SEQ);
        s.add("LglSeqNb", S_LGL_SEQ);
        s.add("CreDtTm", S_CRE_DT_TM);
        s.add("FrToDt/FrDtTm", S_FR_DT_TM);
        s.add("FrToDt/ToDtTm", S_TO_DT_TM);
        s.add("Acct/Id/IBAN", S_ACCT_ID);
        s.add("Acct/Id/Othr/Id", S_ACCT_ID);
        s.add("Acct/Ccy", S_ACCT_CCY);
        s.add("Acct/Ownr/Nm", S_ACCT_OWNR);
        s.add("Acct/Svcr/FinInstnId/BIC", S_SVCR_BIC);
        s.add("Acct/Svcr/FinInstnId/BICFI", S_SVCR_BIC);
        s.add("Acct/Svcr/FinInstnId/ClrSysMmbId/MmbId", S_SVCR_MMB);
        s.add("Acct/Svcr/FinInstnId/Nm", S_SVCR_NM);
        Node bal = s.add("Bal", BAL);
        bal.add("Tp/CdOrPrtry/Cd", BAL_TP);
        bal.add("Tp/CdOrPrtry/Prtry", BAL_TP);
        bal.add("Amt", BAL_AMT);
        bal.add("CdtDbtInd", BAL_CDI);
        bal.add("Dt/Dt", BAL_DT);
        bal.add("Dt/DtTm", BAL_DT_TM);
        Node n = s.add("Ntry", NTRY);
        n.add("NtryRef", N_REF);
        n.add("Amt", N_AMT);
        n.add("CdtDbtInd", N_CDI);
        n.add("RvslInd", N_RVSL);
        n.add("Sts", N_STS);
        n.add("Sts/Cd", N_STS_CD);
        n.add("Sts/Prtry", N_STS_CD);
        n.add("BookgDt/Dt", N_BOOKG_DT);
        n.add("BookgDt/DtTm", N_BOOKG_DT_TM);
        n.add("ValDt/Dt", N_VAL_DT);
        n.add("ValDt/DtTm", N_VAL_DT_TM);
        n.add("AcctSvcrRef", N_ACCT_SVCR_REF);
        n.add("BkTxCd/Domn/Cd", N_DOMN);
        n.add("BkTxCd/Domn/Fmly/Cd", N_FMLY);
        n.add("BkTxCd/Domn/Fmly/SubFmlyCd", N_SUB_FMLY);
        n.add("BkTxCd/Prtry/Cd", N_PRTRY);
        n.add("AddtlNtryInf", N_ADDTL);
        Node b = n.add("NtryDtls/Btch", BTCH);
        b.add("MsgId", B_MSG_ID);
        b.add("PmtInfId", B_PMT_INF_ID);
        b.add("NbOfTxs", B_NB);
        b.add("TtlAmt", B_TTL);
        b.add("CdtDbtInd", B_CDI);
        Node t = n.add("NtryDtls/TxDtls", TX);
        t.add("Refs/MsgId", T_MSG_ID);
        t.add("Refs/AcctSvcrRef", T_ACCT_SVCR_REF);
        t.add("Refs/PmtInfId", T_PMT_INF_ID);
        t.add("Refs/InstrId", T_INSTR_ID);
        t.add("Refs/EndToEndId", T_E2E);
        t.add("Refs/TxId", T_TX_ID);
        t.add("Amt", T_AMT);
        t.add("AmtDtls/TxAmt/Amt", T_AMT_DTLS);
        t.add("AmtDtls/InstdAmt/Amt", T_INSTD_AMT);
        t.add("CdtDbtInd", T_CDI);
        t.add("RltdPties/Dbtr/Nm", T_DBTR_NM);
        t.add("RltdPties/Dbtr/Pty/Nm", T_DBTR_NM);
        t.add("RltdPties/DbtrAcct/Id/IBAN", T_DBTR_ACCT);
        t.add("RltdPties/DbtrAcct/Id/Othr/Id", T_DBTR_ACCT);
        t.add("RltdPties/Cdtr/Nm", T_CDTR_NM);
        t.add("RltdPties/Cdtr/Pty/Nm", T_CDTR_NM);
        t.add("RltdPties/CdtrAcct/Id/IBAN", T_CDTR_ACCT);
        t.add("RltdPties/CdtrAcct/Id/Othr/Id", T_CDTR_ACCT);
        for (String agent : new String[] {"DbtrAgt", "CdtrAgt"}) {
            int id = agent.equals("DbtrAgt") ? T_DBTR_AGT : T_CDTR_AGT;
            t.add("RltdAgts/" + agent + "/FinInstnId/BIC", id);
            t.add("RltdAgts/" + agent + "/FinInstnId/BICFI", id);
            t.add("RltdAgts/" + agent + "/FinInstnId/ClrSysMmbId/MmbId", id);
        }
        t.add("RmtInf/Ustrd", T_USTRD);
        Node ref = t.add("RmtInf/Strd/CdtrRefInf", T_REF);
        ref.add("Tp/CdOrPrtry/Cd", T_REF_TP);
        ref.add("Tp/CdOrPrtry/Prtry", T_REF_TP);
        ref.add("Tp/Issr", T_REF_ISSR);
        ref.add("Ref", T_REF_REF);
        t.add("AddtlTxInf", T_ADDTL);
        // the statement of camt.053, the notification of camt.054, the report of camt.052: one shape
        m.kids.put("Stmt", s);
        m.kids.put("Ntfctn", s);
        m.kids.put("Rpt", s);
        markText(m);
        return m;
    }

    private static void markText(Node n) {
        n.text = n.id != IGNORE && (n.kids.isEmpty() || n.id == N_STS);
        for (Node k : n.kids.values()) {
            markText(k);
        }
    }

    // ------------------------------------------------------------------ one read

    private final class Parse {
        private final IsoDocument d;
        private final XMLStreamReader r;
        private final String name;
        private final Handler handler;
        private final List<Problem> errors;
        private final List<Problem> warnings;
        private int droppedErrors;
        private int droppedWarnings;
        private final Node[] nodes = new Node[SecureXml.MAX_DEPTH + 2];
        private char[] chars = new char[256];
        private int textLength;

        private String messageId;
        private OffsetDateTime groupCreated;
        private int statements;
        private long entries;
        private final Map<String, BigDecimal> credit = new TreeMap<>();
        private final Map<String, BigDecimal> debit = new TreeMap<>();

        // statement
        private BankStatement header;
        private String sId;
        private String sElctrncSeq;
        private String sLglSeq;
        private OffsetDateTime sCreated;
        private OffsetDateTime sFrom;
        private OffsetDateTime sTo;
        private String sAcct;
        private String sAcctCcy;
        private String sOwner;
        private String sSvcrBic;
        private String sSvcrMmb;
        private String sSvcrNm;
        private final List<Balance> balances = new ArrayList<>();
        private final Map<String, BigDecimal> bookedNet = new HashMap<>();
        private String statementWhere;

        // balance
        private String bType;
        private BigDecimal bAmount;
        private String bCcy;
        private CreditDebit bCdi;
        private LocalDate bDate;
        private OffsetDateTime bDateTime;

        // entry
        private String nRef;
        private BigDecimal nAmount;
        private String nCcy;
        private CreditDebit nCdi;
        private boolean nRvsl;
        private String nSts;
        private LocalDate nBookg;
        private OffsetDateTime nBookgTm;
        private LocalDate nVal;
        private OffsetDateTime nValTm;
        private String nAcctSvcrRef;
        private String nDomn;
        private String nFmly;
        private String nSubFmly;
        private String nPrtry;
        private String nAddtl;
        private List<EntryBatch> nBatches;
        private List<EntryTransaction> nTxs;
        private String entryWhere;

        // batch
        private String btMsgId;
        private String btPmtInfId;
        private Integer btNb;
        private BigDecimal btTtl;
        private String btCcy;
        private CreditDebit btCdi;

        // transaction
        private String tMsgId;
        private String tAcctSvcrRef;
        private String tPmtInfId;
        private String tInstrId;
        private String tE2e;
        private String tTxId;
        private BigDecimal tAmt;
        private String tCcy;
        private BigDecimal tAmtDtls;
        private String tAmtDtlsCcy;
        private BigDecimal tInstd;
        private String tInstdCcy;
        private CreditDebit tCdi;
        private String tDbtrNm;
        private String tDbtrAcct;
        private String tCdtrNm;
        private String tCdtrAcct;
        private String tDbtrAgt;
        private String tCdtrAgt;
        private List<String> tUstrd;
        private List<CreditorReference> tRefs;
        private String tAddtl;
        private String rType;
        private String rIssuer;
        private String rRef;

        Parse(IsoDocument d, String name, Handler handler, List<Problem> errors, List<Problem> warnings) {
            this.d = d;
            this.r = d.reader();
            this.name = name;
            this.handler = handler;
            this.errors = errors;
            this.warnings = warnings;
        }

        /**
         * From the message element (depth 2) to the end of the document: each start element finds its node in
         * the path tree (an element of another namespace, and all inside it, finds none), and the text of the
         * nodes that read text is gathered between a start and an end.
         */
        void run() {
            // text around the message element, after it closes, is the root's: not read
            nodes[1] = IGNORED;
            nodes[2] = MESSAGE;
            int depth = 2;
            try {
                while (true) {
                    switch (r.next()) {
                        case XMLStreamConstants.START_ELEMENT -> {
                            depth++;
                            if (depth >= nodes.length) {
                                throw IsoValues.unreadable("elements nested deeper than any ISO 20022 message", d.where(), null);
                            }
                            Node parent = nodes[depth - 1];
                            Node node = d.iso(depth) && parent != IGNORED ? parent.child(r.getLocalName()) : IGNORED;
                            nodes[depth] = node;
                            textLength = 0;
                            if (node.id != IGNORE) {
                                start(node.id);
                            }
                        }
                        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                            if (nodes[depth].text) {
                                appendText();
                            }
                        }
                        case XMLStreamConstants.END_ELEMENT -> {
                            if (depth > 2) {
                                Node node = nodes[depth];
                                if (node.id != IGNORE) {
                                    end(node.id);
                                }
                                d.end(depth);
                            }
                            depth--;
                            textLength = 0;
                        }
                        case XMLStreamConstants.END_DOCUMENT -> {
                            return;
                        }
                        default -> {
                            // comments and processing instructions carry nothing
                        }
                    }
                }
            } catch (XMLStreamException e) {
                throw d.failure(e);
            } catch (FormatException e) {
                throw IsoDocument.readable(e);
            }
        }

        private void appendText() {
            int n = r.getTextLength();
            if (textLength + n > MAX_TEXT) {
                throw IsoValues.unreadable("an element's text exceeds " + MAX_TEXT + " characters", d.where(), null);
            }
            if (textLength + n > chars.length) {
                chars = Arrays.copyOf(chars, Math.max(chars.length * 2, textLength + n));
            }
            System.arraycopy(r.getTextCharacters(), r.getTextStart(), chars, textLength, n);
            textLength += n;
        }

        private void start(int id) {
            switch (id) {
                case STMT -> startStatement();
                case BAL -> {
                    bType = null;
                    bAmount = null;
                    bCcy = null;
                    bCdi = null;
                    bDate = null;
                    bDateTime = null;
                }
                case BAL_AMT -> bCcy = d.attribute("Ccy");
                case NTRY -> startEntry();
                case N_AMT -> nCcy = d.attribute("Ccy");
                case BTCH -> {
                    btMsgId = null;
                    btPmtInfId = null;
                    btNb = null;
                    btTtl = null;
                    btCcy = null;
                    btCdi = null;
                }
                case B_TTL -> btCcy = d.attribute("Ccy");
                case TX -> startTransaction();
                case T_AMT -> tCcy = d.attribute("Ccy");
                case T_AMT_DTLS -> tAmtDtlsCcy = d.attribute("Ccy");
                case T_INSTD_AMT -> tInstdCcy = d.attribute("Ccy");
                case T_REF -> {
                    rType = null;
                    rIssuer = null;
                    rRef = null;
                }
                default -> {
                }
            }
        }

        private void end(int id) {
            switch (id) {
                case G_MSG_ID -> messageId = text();
                case G_CRE_DT_TM -> groupCreated = dateTime();
                case STMT -> endStatement();
                case S_ID -> sId = text();
                case S_ELCTRNC_SEQ -> sElctrncSeq = text();
                case S_LGL_SEQ -> sLglSeq = text();
                case S_CRE_DT_TM -> sCreated = dateTime();
                case S_FR_DT_TM -> sFrom = dateTime();
                case S_TO_DT_TM -> sTo = dateTime();
                case S_ACCT_ID -> sAcct = text();
                case S_ACCT_CCY -> sAcctCcy = text();
                case S_ACCT_OWNR -> sOwner = text();
                case S_SVCR_BIC -> sSvcrBic = text();
                case S_SVCR_MMB -> sSvcrMmb = text();
                case S_SVCR_NM -> sSvcrNm = text();
                case BAL -> endBalance();
                case BAL_TP -> bType = text();
                case BAL_AMT -> bAmount = amount();
                case BAL_CDI -> bCdi = creditDebit();
                case BAL_DT -> bDate = date();
                case BAL_DT_TM -> bDateTime = dateTime();
                case NTRY -> endEntry();
                case N_REF -> nRef = text();
                case N_AMT -> nAmount = amount();
                case N_CDI -> nCdi = creditDebit();
                case N_RVSL -> nRvsl = indicator();
                case N_STS -> {
                    if (!textIsEmpty()) {
                        nSts = text();
                    }
                }
                case N_STS_CD -> nSts = text();
                case N_BOOKG_DT -> nBookg = date();
                case N_BOOKG_DT_TM -> nBookgTm = dateTime();
                case N_VAL_DT -> nVal = date();
                case N_VAL_DT_TM -> nValTm = dateTime();
                case N_ACCT_SVCR_REF -> nAcctSvcrRef = text();
                case N_DOMN -> nDomn = text();
                case N_FMLY -> nFmly = text();
                case N_SUB_FMLY -> nSubFmly = text();
                case N_PRTRY -> nPrtry = text();
                case N_ADDTL -> nAddtl = nAddtl == null ? text() : nAddtl + " " + text();
                case BTCH -> {
                    if (nBatches == null) {
                        nBatches = new ArrayList<>(1);
                    }
                    nBatches.add(new EntryBatch(btMsgId, btPmtInfId, btNb, btTtl, btCcy, btCdi));
                }
                case B_MSG_ID -> btMsgId = text();
                case B_PMT_INF_ID -> btPmtInfId = text();
                case B_NB -> btNb = count();
                case B_TTL -> btTtl = amount();
                case B_CDI -> btCdi = creditDebit();
                case TX -> endTransaction();
                case T_MSG_ID -> tMsgId = text();
                case T_ACCT_SVCR_REF -> tAcctSvcrRef = text();
                case T_PMT_INF_ID -> tPmtInfId = text();
                case T_INSTR_ID -> tInstrId = text();
                case T_E2E -> tE2e = text();
                case T_TX_ID -> tTxId = text();
                case T_AMT -> tAmt = amount();
                case T_AMT_DTLS -> tAmtDtls = amount();
                case T_INSTD_AMT -> tInstd = amount();
                case T_CDI -> tCdi = creditDebit();
                case T_DBTR_NM -> tDbtrNm = text();
                case T_DBTR_ACCT -> tDbtrAcct = text();
                case T_CDTR_NM -> tCdtrNm = text();
                case T_CDTR_ACCT -> tCdtrAcct = text();
                case T_DBTR_AGT -> tDbtrAgt = tDbtrAgt == null ? text() : tDbtrAgt;
                case T_CDTR_AGT -> tCdtrAgt = tCdtrAgt == null ? text() : tCdtrAgt;
                case T_USTRD -> {
                    if (tUstrd == null) {
                        tUstrd = new ArrayList<>(2);
                    }
                    tUstrd.add(text());
                }
                case T_REF -> {
                    if (rRef != null) {
                        if (tRefs == null) {
                            tRefs = new ArrayList<>(1);
                        }
                        tRefs.add(new CreditorReference(rType, rIssuer, rRef));
                    }
                }
                case T_REF_TP -> rType = text();
                case T_REF_ISSR -> rIssuer = text();
                case T_REF_REF -> rRef = text();
                case T_ADDTL -> tAddtl = text();
                default -> {
                }
            }
        }

        // ---------------------------------------------------------- statements

        private void startStatement() {
            statements++;
            header = null;
            sId = null;
            sElctrncSeq = null;
            sLglSeq = null;
            sCreated = null;
            sFrom = null;
            sTo = null;
            sAcct = null;
            sAcctCcy = null;
            sOwner = null;
            sSvcrBic = null;
            sSvcrMmb = null;
            sSvcrNm = null;
            balances.clear();
            bookedNet.clear();
            statementWhere = d.where();
        }

        private BankStatement header() {
            if (header == null) {
                String servicer = sSvcrBic != null ? sSvcrBic : sSvcrMmb != null ? sSvcrMmb : sSvcrNm;
                header = new BankStatement(name, messageId, groupCreated, sId, sElctrncSeq, sLglSeq, sCreated, sFrom, sTo,
                        sAcct, sAcctCcy, sOwner, servicer, balances, List.of());
                handler.statement(header);
            }
            return header;
        }

        private void endStatement() {
            header();
            checkBalances();
        }

        private void endBalance() {
            String at = d.where();
            if (bAmount == null || bCdi == null) {
                error(IsoProblemCodes.ISO_FIELD_MISSING, "a balance without " + (bAmount == null ? "Amt" : "CdtDbtInd"), at);
                return;
            }
            balances.add(new Balance(bType, IsoAmounts.asRead(bAmount, bCcy), bCcy, bCdi, bDate, bDateTime));
        }

        /** Opening booked + booked entries = closing booked, when both balances are there in one currency. */
        private void checkBalances() {
            Balance opening = null;
            Balance closing = null;
            for (Balance b : balances) {
                if (opening == null && Balance.OPENING_BOOKED.equals(b.type())) {
                    opening = b;
                } else if (Balance.CLOSING_BOOKED.equals(b.type())) {
                    closing = b;
                }
            }
            if (opening == null || closing == null || opening.currency() == null
                    || !opening.currency().equals(closing.currency())) {
                return;
            }
            if (bookedNet.size() > 1 || (bookedNet.size() == 1 && !bookedNet.containsKey(opening.currency()))) {
                return;
            }
            BigDecimal net = bookedNet.getOrDefault(opening.currency(), BigDecimal.ZERO);
            BigDecimal expected = opening.signedAmount().add(net);
            if (expected.compareTo(closing.signedAmount()) != 0) {
                warning(IsoProblemCodes.ISO_BALANCE_MISMATCH, "statement " + sId + ": opening booked "
                        + opening.signedAmount().toPlainString() + " + booked entries " + net.toPlainString() + " = "
                        + expected.toPlainString() + ", but closing booked is " + closing.signedAmount().toPlainString(),
                        statementWhere);
            }
        }

        // ---------------------------------------------------------- entries

        private void startEntry() {
            header();
            nRef = null;
            nAmount = null;
            nCcy = null;
            nCdi = null;
            nRvsl = false;
            nSts = null;
            nBookg = null;
            nBookgTm = null;
            nVal = null;
            nValTm = null;
            nAcctSvcrRef = null;
            nDomn = null;
            nFmly = null;
            nSubFmly = null;
            nPrtry = null;
            nAddtl = null;
            nBatches = null;
            nTxs = null;
            entryWhere = null;
        }

        private void endEntry() {
            entries++;
            BigDecimal amount = nAmount == null ? null : IsoAmounts.asRead(nAmount, nCcy);
            if (amount == null) {
                error(IsoProblemCodes.ISO_FIELD_MISSING, "an entry without Amt", d.where());
            } else if (nCcy == null || nCcy.isEmpty()) {
                error(IsoProblemCodes.ISO_FIELD_MISSING, "an entry amount without Ccy", d.where());
            }
            if (nCdi == null) {
                error(IsoProblemCodes.ISO_FIELD_MISSING, "an entry without a valid CdtDbtInd", d.where());
            }
            if (amount != null && nCdi != null && nCcy != null) {
                Map<String, BigDecimal> sums = nCdi == CreditDebit.CRDT ? credit : debit;
                BigDecimal s = sums.get(nCcy);
                sums.put(nCcy, s == null ? amount : s.add(amount));
                if (nSts == null || "BOOK".equals(nSts)) {
                    BigDecimal signed = nCdi == CreditDebit.DBIT ? amount.negate() : amount;
                    bookedNet.merge(nCcy, signed, BigDecimal::add);
                }
            }
            String code = nDomn != null ? nDomn + (nFmly != null ? "/" + nFmly + (nSubFmly != null ? "/" + nSubFmly : "") : "")
                    : nPrtry;
            StatementEntry e = new StatementEntry(nRef, amount, nCcy, nCdi, nRvsl, nSts, nBookg, nBookgTm, nVal, nValTm,
                    nAcctSvcrRef, code, nAddtl, nBatches, nTxs);
            handler.entry(header, e);
        }

        private void startTransaction() {
            tMsgId = null;
            tAcctSvcrRef = null;
            tPmtInfId = null;
            tInstrId = null;
            tE2e = null;
            tTxId = null;
            tAmt = null;
            tCcy = null;
            tAmtDtls = null;
            tAmtDtlsCcy = null;
            tInstd = null;
            tInstdCcy = null;
            tCdi = null;
            tDbtrNm = null;
            tDbtrAcct = null;
            tCdtrNm = null;
            tCdtrAcct = null;
            tDbtrAgt = null;
            tCdtrAgt = null;
            tUstrd = null;
            tRefs = null;
            tAddtl = null;
        }

        private void endTransaction() {
            BigDecimal amount = tAmt;
            String ccy = tCcy;
            if (amount == null) {
                amount = tAmtDtls != null ? tAmtDtls : tInstd;
                ccy = tAmtDtls != null ? tAmtDtlsCcy : tInstdCcy;
            }
            if (nTxs == null) {
                nTxs = new ArrayList<>(1);
            }
            nTxs.add(new EntryTransaction(tMsgId, tAcctSvcrRef, tPmtInfId, tInstrId, tE2e, tTxId,
                    amount == null ? null : IsoAmounts.asRead(amount, ccy), ccy, tCdi != null ? tCdi : nCdi, tDbtrNm,
                    tDbtrAcct, tDbtrAgt, tCdtrNm, tCdtrAcct, tCdtrAgt, tUstrd, tRefs, tAddtl));
        }

        // ---------------------------------------------------------- values

        private BigDecimal amount() {
            int s = textStart();
            int e = textEnd(s);
            if (s == e) {
                error(IsoProblemCodes.ISO_AMOUNT_INVALID, "an empty amount", d.where());
                return null;
            }
            try {
                return new BigDecimal(chars, s, e - s);
            } catch (NumberFormatException ex) {
                error(IsoProblemCodes.ISO_AMOUNT_INVALID, "'" + new String(chars, s, e - s) + "' is not a decimal number",
                        d.where());
                return null;
            }
        }

        // ---------------------------------------------------------- the text of the element just ended

        private int textStart() {
            int s = 0;
            while (s < textLength && chars[s] <= ' ') {
                s++;
            }
            return s;
        }

        private int textEnd(int s) {
            int e = textLength;
            while (e > s && chars[e - 1] <= ' ') {
                e--;
            }
            return e;
        }

        /** The element's own text, stripped of surrounding whitespace. */
        private String text() {
            int s = textStart();
            return new String(chars, s, textEnd(s) - s);
        }

        private boolean textIsEmpty() {
            return textStart() == textLength;
        }

        /** The text as an ISODate {@code yyyy-MM-dd} (a time zone after it tolerated), or null when it is not one. */
        private LocalDate dateOrNull() {
            int s = textStart();
            int e = textEnd(s);
            if (e - s < 10 || chars[s + 4] != '-' || chars[s + 7] != '-') {
                return null;
            }
            int y = digits(s, 4);
            int m = digits(s + 5, 2);
            int day = digits(s + 8, 2);
            if (y < 0 || m < 1 || m > 12 || day < 1 || day > 31) {
                return null;
            }
            if (e - s > 10) {
                // ISODate may carry a time zone (2019-04-25+01:00); the date is what counts
                char z = chars[s + 10];
                if (z != '+' && z != '-' && z != 'Z') {
                    return null;
                }
            }
            try {
                return LocalDate.of(y, m, day);
            } catch (DateTimeException ex) {
                return null;
            }
        }

        private int digits(int at, int n) {
            int v = 0;
            for (int i = at; i < at + n; i++) {
                char c = chars[i];
                if (c < '0' || c > '9') {
                    return -1;
                }
                v = v * 10 + (c - '0');
            }
            return v;
        }

        private CreditDebit creditDebit() {
            String text = text();
            CreditDebit c = CreditDebit.parse(text);
            if (c == null) {
                error(IsoProblemCodes.ISO_CODE_INVALID, "'" + text + "' is not a CdtDbtInd (CRDT or DBIT)", d.where());
            } else if (!c.name().equals(text)) {
                warning(IsoProblemCodes.ISO_CODE_INVALID, "CdtDbtInd '" + text + "' read as " + c, d.where());
            }
            return c;
        }

        private LocalDate date() {
            LocalDate date = dateOrNull();
            if (date == null) {
                String text = text();
                // some banks write a date-time where a date belongs
                try {
                    return IsoValues.dateTime(text, options.offsetWhenAbsent(), d.where()).toLocalDate();
                } catch (FormatException e) {
                    error(IsoProblemCodes.ISO_NOT_READABLE, "'" + text + "' is not an ISODate", d.where());
                }
            }
            return date;
        }

        private OffsetDateTime dateTime() {
            String text = text();
            try {
                return IsoValues.dateTime(text, options.offsetWhenAbsent(), d.where());
            } catch (FormatException e) {
                LocalDate date = dateOrNull();
                if (date != null) {
                    return date.atStartOfDay().atOffset(options.offsetWhenAbsent());
                }
                error(IsoProblemCodes.ISO_NOT_READABLE, "'" + text + "' is not an ISODateTime", d.where());
                return null;
            }
        }

        private boolean indicator() {
            String text = text();
            return switch (text) {
                case "true", "1" -> true;
                case "false", "0" -> false;
                default -> {
                    error(IsoProblemCodes.ISO_NOT_READABLE, "'" + text + "' is not a TrueFalseIndicator", d.where());
                    yield false;
                }
            };
        }

        private Integer count() {
            String text = text();
            try {
                return Integer.valueOf(text);
            } catch (NumberFormatException e) {
                error(IsoProblemCodes.ISO_NOT_READABLE, "'" + text + "' is not a number", d.where());
                return null;
            }
        }

        private void error(String code, String message, String where) {
            if (errors.size() < MAX_PROBLEMS) {
                errors.add(Problem.of(code, message, where));
            } else {
                droppedErrors++;
            }
        }

        private void warning(String code, String message, String where) {
            if (warnings.size() < MAX_PROBLEMS) {
                warnings.add(Problem.of(code, message, where));
            } else {
                droppedWarnings++;
            }
        }

        Result result() {
            for (Problem p : d.foreignElements()) {
                if (options.isLenient()) {
                    warning(p.code(), p.message(), p.location());
                } else {
                    error(p.code(), p.message(), p.location());
                }
            }
            if (droppedErrors > 0) {
                errors.add(Problem.of(IsoProblemCodes.ISO_PROBLEMS_TRUNCATED, droppedErrors + " more errors", ""));
            }
            if (droppedWarnings > 0) {
                warnings.add(Problem.of(IsoProblemCodes.ISO_PROBLEMS_TRUNCATED, droppedWarnings + " more warnings", ""));
            }
            return new Result(name, messageId, statements, entries, credit, debit, errors, warnings);
        }
    }

    /** Collects statements with their entries, for {@link #readAll}. */
    private static final class Collector implements Handler {
        private final List<BankStatement> done = new ArrayList<>();
        private BankStatement current;
        private List<StatementEntry> entries = new ArrayList<>();

        @Override
        public void statement(BankStatement statement) {
            flush();
            current = statement;
        }

        @Override
        public void entry(BankStatement statement, StatementEntry entry) {
            entries.add(entry);
        }

        private void flush() {
            if (current != null) {
                done.add(current.withEntries(entries));
                entries = new ArrayList<>();
            }
        }

        List<BankStatement> finish() {
            flush();
            current = null;
            return done;
        }
    }
}
