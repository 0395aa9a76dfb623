package org.jincai.server.query;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Optional;
import org.jincai.bank.profile.BankFormat;
import org.jincai.bank.profile.BankProfile;
import org.jincai.core.TreasuryCoreConfiguration;
import org.jincai.core.access.DataScope;
import org.jincai.core.answer.StatementQueries;
import org.jincai.core.bank.BankDirectory;
import org.jincai.core.controls.ControlException;
import org.jincai.core.release.DeliveryStatus;
import org.jincai.core.release.StagingArea;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * What went to the banks and came back, for people: payment batches, the bank files (deliveries) with their bytes,
 * the banks' answer files and the statement lines, paged and filtered in SQL. A batch, a file or an answer is inside
 * a reader's scope when every payment it carries is; a statement line when the payment it booked or names is (lines
 * that name no known payment are for a scope of everything).
 */
@Service
public class BankFileQueries {

    public static final String BATCH_NOT_FOUND = "BATCH_NOT_FOUND";
    public static final String BANK_FILE_NOT_FOUND = "BANK_FILE_NOT_FOUND";
    /** The file is known to the database but its bytes are no longer under the hub's home. */
    public static final String BANK_FILE_GONE = "BANK_FILE_GONE";
    /** The bytes under the hub's home are not those the hub delivered (their SHA-256 differs). */
    public static final String BANK_FILE_ALTERED = "BANK_FILE_ALTERED";

    /** What a batch list is narrowed to (dates: the execution date); a null member narrows nothing. */
    public record BatchFilter(String bank, String payAcctNo, LocalDate from, LocalDate to) {
        public BatchFilter {
            Filters.range(from, to);
        }
    }

    /** What a bank-file list is narrowed to (dates: the day the file was prepared); a null member narrows nothing. */
    public record FileFilter(String bank, String status, String batchId, String fileName, LocalDate from, LocalDate to) {
        public FileFilter {
            status = Filters.oneOf(status, "status", Filters.names(DeliveryStatus.class));
            Filters.range(from, to);
        }
    }

    /** What an answer list is narrowed to (dates: the day the answer was applied); a null member narrows nothing. */
    public record AnswerFilter(String bank, String deliveryId, String fileName, LocalDate from, LocalDate to) {
        public AnswerFilter {
            Filters.range(from, to);
        }
    }

    /**
     * What a statement-line list is narrowed to (dates: the booking date); {@code pending} keeps the lines not booked
     * that no later file has booked since. A null member narrows nothing.
     */
    public record LineFilter(String bank, String status, boolean pending, String paymentId, String fileName,
                             LocalDate from, LocalDate to) {
        public LineFilter {
            status = Filters.oneOf(status, "status", "BOOK", "PDNG", "INFO");
            Filters.range(from, to);
        }
    }

    private static final String BATCH_COLUMNS = "SELECT b.batch_id, b.bank_code, b.pay_acct_no, b.execution_date,"
            + " b.tx_count, b.total_amount, b.file_count, b.created_at, b.created_by";
    private static final String FILE_COLUMNS = "SELECT d.delivery_id, d.batch_id, d.bank_code, d.file_name, d.message_id,"
            + " d.part_no, d.tx_count, d.total_amount, d.file_sha256, d.status, d.attempts, d.status_reason, d.status_at,"
            + " d.prepared_at, d.uploaded_at, d.answered_at";
    private static final String ANSWER_COLUMNS = "SELECT f.inbound_id, f.bank_code, f.file_name, f.file_sha256,"
            + " f.original_ref, f.statuses, f.received_at, d.delivery_id, d.file_name AS delivery_file";
    private static final String ANSWER_FROM = "inbound_file f JOIN bank_delivery d ON d.bank_code = f.bank_code"
            + " AND (d.message_id = f.original_ref OR d.file_name = f.original_ref)";
    private static final String LINE_COLUMNS = "SELECT e.bank_code, e.file_name, e.statement_id, e.entry_key, e.tx_seq,"
            + " e.status, e.credit_debit, e.amount, e.currency, e.booking_date, e.value_date, e.end_to_end_id,"
            + " e.payment_id, p.status AS payment_status, e.delivery_id, e.reason, e.settled_by, e.received_at";
    private static final String LINE_FROM = "statement_entry e LEFT JOIN payment p"
            + " ON p.payment_id = COALESCE(e.payment_id, e.end_to_end_id)";

    private final NamedParameterJdbcTemplate jdbc;
    private final StagingArea staging;
    private final BankDirectory banks;

    public BankFileQueries(NamedParameterJdbcTemplate jdbc,
                           @Qualifier(TreasuryCoreConfiguration.BANK_STAGING) StagingArea staging, BankDirectory banks) {
        this.jdbc = jdbc;
        this.staging = staging;
        this.banks = banks;
    }

    /** Payment batches inside the scope, newest first. */
    public Page<BatchRow> batches(DataScope scope, BatchFilter f, PageRequest page) {
        Where w = new Where().allPaymentsIn(scope, "p2.batch_id = b.batch_id").eq("b.bank_code", "bank", f.bank())
                .eq("b.pay_acct_no", "acct", f.payAcctNo()).onOrAfter("b.execution_date", "from", f.from())
                .onOrBefore("b.execution_date", "to", f.to());
        return w.page(jdbc, BATCH_COLUMNS, "payment_batch b", "b.created_at DESC, b.batch_id DESC",
                (rs, n) -> batch(rs), page);
    }

    /** One batch inside the scope. */
    public BatchRow batch(DataScope scope, String batchId) {
        BatchRow b = jdbc.query(BATCH_COLUMNS + " FROM payment_batch b WHERE b.batch_id = :id",
                        new MapSqlParameterSource("id", batchId), (rs, n) -> batch(rs)).stream().findFirst()
                .orElseThrow(() -> new ControlException(ControlException.Kind.NOT_FOUND, BATCH_NOT_FOUND,
                        "no batch " + batchId, "batch " + batchId));
        requireWithin(scope, "payment_batch b", "b.batch_id", "p2.batch_id = b.batch_id", batchId, "batch " + batchId);
        return b;
    }

    /** Bank files inside the scope, newest first. */
    public Page<BankFileRow> files(DataScope scope, FileFilter f, PageRequest page) {
        Where w = new Where().allPaymentsIn(scope, "p2.delivery_id = d.delivery_id").eq("d.bank_code", "bank", f.bank())
                .eq("d.status", "status", f.status()).eq("d.batch_id", "batch", f.batchId())
                .eq("d.file_name", "name", f.fileName()).between("d.prepared_at", "prepared", f.from(), f.to());
        return w.page(jdbc, FILE_COLUMNS, "bank_delivery d", "d.prepared_at DESC, d.delivery_id DESC",
                (rs, n) -> file(rs), page);
    }

    /** One bank file inside the scope. */
    public BankFileRow file(DataScope scope, String deliveryId) {
        BankFileRow d = find(deliveryId).orElseThrow(() -> new ControlException(ControlException.Kind.NOT_FOUND,
                BANK_FILE_NOT_FOUND, "no bank file " + deliveryId, "file " + deliveryId));
        requireWithin(scope, "bank_delivery d", "d.delivery_id", "p2.delivery_id = d.delivery_id", deliveryId,
                "file " + deliveryId);
        return d;
    }

    /** One bank file, whoever reads (for a payment's timeline, whose scope is checked already). */
    Optional<BankFileRow> find(String deliveryId) {
        return jdbc.query(FILE_COLUMNS + " FROM bank_delivery d WHERE d.delivery_id = :id",
                new MapSqlParameterSource("id", deliveryId), (rs, n) -> file(rs)).stream().findFirst();
    }

    /**
     * The bytes of one bank file inside the scope, exactly as delivered: found in the bank's outbound folder (waiting,
     * held or sent) and checked against the SHA-256 recorded when it was written — {@value #BANK_FILE_GONE} when they
     * are no longer there, {@value #BANK_FILE_ALTERED} when they differ.
     */
    public BankFileContent content(DataScope scope, String deliveryId) {
        BankFileRow d = file(scope, deliveryId);
        Path path = staging.locate(d.bankCode(), d.fileName());
        if (path == null) {
            throw new ControlException(ControlException.Kind.NOT_FOUND, BANK_FILE_GONE, "the bytes of " + d.fileName()
                    + " are no longer in the hub's outbound folder of " + d.bankCode(), "file " + deliveryId);
        }
        String sha = sha256(path);
        if (!sha.equalsIgnoreCase(d.sha256())) {
            throw new ControlException(ControlException.Kind.CONFLICT, BANK_FILE_ALTERED, "the bytes of " + d.fileName()
                    + " on disk are not those delivered (SHA-256 " + sha + ", recorded " + d.sha256() + ")",
                    "file " + deliveryId);
        }
        try {
            return new BankFileContent(d.fileName(), contentType(d.bankCode()), path, Files.size(path), sha);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The banks' answer files inside the scope (the file they answer is), newest first. */
    public Page<AnswerRow> answers(DataScope scope, AnswerFilter f, PageRequest page) {
        Where w = new Where().allPaymentsIn(scope, "p2.delivery_id = d.delivery_id").eq("f.bank_code", "bank", f.bank())
                .eq("d.delivery_id", "delivery", f.deliveryId()).eq("f.file_name", "name", f.fileName())
                .between("f.received_at", "received", f.from(), f.to());
        return w.page(jdbc, ANSWER_COLUMNS, ANSWER_FROM, "f.received_at DESC, f.inbound_id DESC", (rs, n) -> new AnswerRow(
                rs.getString("inbound_id"), rs.getString("bank_code"), rs.getString("file_name"),
                rs.getString("file_sha256"), rs.getString("original_ref"), rs.getInt("statuses"),
                Rows.instant(rs, "received_at"), rs.getString("delivery_id"), rs.getString("delivery_file")), page);
    }

    /** Statement lines inside the scope, newest first, with the payment each booked or names and its status now. */
    public Page<StatementQueries.Line> lines(DataScope scope, LineFilter f, PageRequest page) {
        Where w = new Where().paymentIn(scope, "COALESCE(e.payment_id, e.end_to_end_id)")
                .eq("e.bank_code", "bank", f.bank()).eq("e.status", "status", f.status())
                .eq("e.file_name", "name", f.fileName()).onOrAfter("e.booking_date", "from", f.from())
                .onOrBefore("e.booking_date", "to", f.to());
        if (f.paymentId() != null) {
            w.add("(e.payment_id = :payment OR e.end_to_end_id = :payment)", "payment", f.paymentId());
        }
        if (f.pending()) {
            w.add("(e.status IS NULL OR e.status <> 'BOOK') AND e.settled_by IS NULL");
        }
        return w.page(jdbc, LINE_COLUMNS, LINE_FROM, "e.received_at DESC, e.bank_code, e.entry_key, e.tx_seq",
                (rs, n) -> new StatementQueries.Line(rs.getString("bank_code"), rs.getString("file_name"),
                        rs.getString("statement_id"), rs.getString("entry_key"), rs.getInt("tx_seq"),
                        rs.getString("status"), rs.getString("credit_debit"), rs.getBigDecimal("amount"),
                        rs.getString("currency"), Rows.date(rs, "booking_date"), Rows.date(rs, "value_date"),
                        rs.getString("end_to_end_id"), rs.getString("payment_id"), rs.getString("payment_status"),
                        rs.getString("delivery_id"), rs.getString("reason"), rs.getString("settled_by"),
                        Rows.instant(rs, "received_at")), page);
    }

    /**
     * The warnings the statement reader kept with the files it applied, newest first: about files as a whole, they are
     * for a scope of everything (an empty page otherwise).
     */
    public Page<StatementQueries.Warning> warnings(DataScope scope, String bank, PageRequest page) {
        Where w = new Where().eq("w.bank_code", "bank", bank);
        if (!scope.all()) {
            w.add("1 = 0");
        }
        return w.page(jdbc, "SELECT w.bank_code, w.file_name, w.statement_id, w.code, w.location, w.message,"
                        + " w.received_at, w.warning_id", "statement_warning w", "w.received_at DESC, w.warning_id DESC",
                (rs, n) -> new StatementQueries.Warning(rs.getString("bank_code"), rs.getString("file_name"),
                        rs.getString("statement_id"), rs.getString("code"), rs.getString("location"),
                        rs.getString("message"), Rows.instant(rs, "received_at")), page);
    }

    /** The media type of a bank's payment files: XML for ISO 20022, text in the bank's character set otherwise. */
    private String contentType(String bankCode) {
        BankProfile profile = banks.all().stream().filter(b -> b.code().equals(bankCode)).findFirst().orElse(null);
        if (profile == null) {
            return "application/octet-stream";
        }
        String charset = profile.charset() == null ? "" : ";charset=" + profile.charset().name();
        return (profile.outboundFormat() == BankFormat.PAIN_001_001_09 ? "application/xml" : "text/plain") + charset;
    }

    /** Refuses the row {@code id} of {@code from} unless every payment {@code link} ties to it is inside the scope. */
    private void requireWithin(DataScope scope, String from, String idColumn, String link, String id, String what) {
        if (scope.all()) {
            return;
        }
        Where w = new Where().eq(idColumn, "id", id).allPaymentsIn(scope, link);
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM " + from + w.sql(), w.params(), Long.class);
        if (n == null || n == 0) {
            throw PaymentQueries.outside(what);
        }
    }

    private static String sha256(Path path) {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(path),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BatchRow batch(ResultSet rs) throws SQLException {
        return new BatchRow(rs.getString("batch_id"), rs.getString("bank_code"), rs.getString("pay_acct_no"),
                Rows.date(rs, "execution_date"), rs.getInt("tx_count"), rs.getBigDecimal("total_amount"),
                rs.getInt("file_count"), Rows.instant(rs, "created_at"), rs.getString("created_by"));
    }

    private static BankFileRow file(ResultSet rs) throws SQLException {
        return new BankFileRow(rs.getString("delivery_id"), rs.getString("batch_id"), rs.getString("bank_code"),
                rs.getString("file_name"), rs.getString("message_id"), rs.getInt("part_no"), rs.getInt("tx_count"),
                rs.getBigDecimal("total_amount"), rs.getString("file_sha256"), rs.getString("status"),
                rs.getInt("attempts"), rs.getString("status_reason"), Rows.instant(rs, "status_at"),
                Rows.instant(rs, "prepared_at"), Rows.instant(rs, "uploaded_at"), Rows.instant(rs, "answered_at"));
    }
}
