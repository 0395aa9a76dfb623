package org.jincai.core.release;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jincai.bank.BankFormats;
import org.jincai.bank.file.BankFileNames;
import org.jincai.bank.file.BankFileWriter;
import org.jincai.bank.file.FileSplitter;
import org.jincai.bank.file.OutboundCredit;
import org.jincai.bank.file.PaymentFile;
import org.jincai.bank.profile.BankProfile;
import org.jincai.core.CrashPoints;
import org.jincai.core.Ids;
import org.jincai.core.bank.BankDirectory;
import org.jincai.core.calendar.BankCalendar;
import org.jincai.core.payment.Payment;
import org.jincai.core.payment.PaymentLifecycle;
import org.jincai.core.payment.PaymentRepository;
import org.jincai.core.payment.PaymentStatus;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Releases approved payments to the banks: groups them by bank and payer account, splits each group by
 * the bank's per-file limits, renders every file in the bank's format and character set — streamed into
 * {@code <name>.part} in the bank's staging folder (a pain.001 checked against its XSD as it passes), its
 * SHA-256 computed on the way, forced to disk — then records the batch and its deliveries, then renames
 * each file to its final name for the upload route. Payments move APPROVED → RELEASED in the same transaction that records their delivery,
 * and only if they are still APPROVED and in no file; a file is never renamed before that commit, so no
 * byte leaves the hub for a file the database does not know. Releases and the start-up repair of the
 * staging folders ({@link #recoverStaging}) run one at a time.
 */
public class ReleaseService {

    /** Banks settle on Beijing time: execution dates are dates there. */
    public static final ZoneId BANK_ZONE = ZoneId.of("Asia/Shanghai");
    /** A final-named staged file the database has no delivery for: quarantined, never uploaded. */
    public static final String STAGED_FILE_UNKNOWN = "STAGED_FILE_UNKNOWN";
    public static final String ACTOR_RECOVERY = "system:recovery";

    private static final Logger log = LoggerFactory.getLogger(ReleaseService.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final PaymentRepository payments;
    private final PaymentLifecycle lifecycle;
    private final BankDirectory banks;
    private final StagingArea staging;
    private final BankCalendar calendar;
    private final Clock clock;
    private final Object oneAtATime = new Object();

    public ReleaseService(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, PaymentRepository payments,
                          PaymentLifecycle lifecycle, BankDirectory banks, StagingArea staging, BankCalendar calendar,
                          Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.payments = payments;
        this.lifecycle = lifecycle;
        this.banks = banks;
        this.staging = staging;
        this.calendar = calendar;
        this.clock = clock;
    }

    public ReleaseResult release(String actor) {
        synchronized (oneAtATime) {
            Map<List<String>, List<Payment>> groups = new LinkedHashMap<>();
            for (Payment p : payments.findByStatus(PaymentStatus.APPROVED)) {
                groups.computeIfAbsent(List.of(p.bankCode(), p.payAcctNo()), k -> new ArrayList<>()).add(p);
            }
            List<StagedFile> staged = new ArrayList<>();
            List<Problem> failures = new ArrayList<>();
            for (List<Payment> group : groups.values()) {
                BankProfile bank = banks.require(group.get(0).bankCode());
                try {
                    staged.addAll(releaseGroup(bank, group, executionDate(bank), actor));
                } catch (FormatException e) {
                    // the group stays APPROVED and is retried by the next release once the cause is fixed
                    log.warn("release of {} payments to {} refused: {}", group.size(), bank.code(), e.problem());
                    failures.add(e.problem());
                }
            }
            return new ReleaseResult(staged, failures);
        }
    }

    /**
     * The date the bank will execute a file released now: today in Beijing, or the next day once the bank's
     * cut-off time has passed — moved to the next bank business day (weekends, public holidays).
     */
    LocalDate executionDate(BankProfile bank) {
        ZonedDateTime now = clock.instant().atZone(BANK_ZONE);
        boolean pastCutOff = bank.cutOffTime() != null && !now.toLocalTime().isBefore(bank.cutOffTime());
        LocalDate today = now.toLocalDate();
        return calendar.onOrAfter(pastCutOff && calendar.isBusinessDay(today) ? today.plusDays(1) : today);
    }

    /**
     * Stages one file of payments its caller chose and grouped (a job that takes a large run in files of the bank's
     * limits, such as payroll): rendered, recorded and renamed as {@link #release} does each file, under its own
     * batch. The payments must be APPROVED, in no file, for {@code bank}, from one payer account, and within the
     * bank's per-file limits. {@code batchId} is the caller's, so the same file rebuilt after a crash keeps its name,
     * and the database's unique file name and the payments' single delivery refuse a second record.
     */
    public StagedFile stageFile(BankProfile bank, String batchId, List<Payment> group, String actor) {
        synchronized (oneAtATime) {
            return stage(bank, batchId, List.of(group.stream().map(ReleaseService::credit).toList()), group,
                    executionDate(bank), actor).get(0);
        }
    }

    private List<StagedFile> releaseGroup(BankProfile bank, List<Payment> group, LocalDate date, String actor) {
        List<List<OutboundCredit>> parts = FileSplitter.split(group.stream().map(ReleaseService::credit).toList(),
                bank.maxTransactionsPerFile(), bank.maxAmountPerFile());
        return stage(bank, Ids.newBatchId(clock), parts, group, date, actor);
    }

    private List<StagedFile> stage(BankProfile bank, String batchId, List<List<OutboundCredit>> parts,
                                   List<Payment> group, LocalDate date, String actor) {
        Payment first = group.get(0);
        BankFileWriter writer = BankFormats.writer(bank);
        List<Rendered> rendered = new ArrayList<>();
        try {
            for (int i = 0; i < parts.size(); i++) {
                String fileName = BankFileNames.name(bank, batchId, date, i + 1, parts.size());
                String messageId = batchId + "-" + String.format("%03d", i + 1);
                PaymentFile file = new PaymentFile(fileName, bank.code(), messageId, date, first.payAcctNo(),
                        first.payAcctName(), bank.primaryBankNumber(), parts.get(i));
                StagingArea.Part part = staging.writePart(bank.code(), fileName, out -> writer.write(file, out));
                rendered.add(new Rendered(Ids.newId(), file, part));
                CrashPoints.reached("release-file-written");
            }
            tx.executeWithoutResult(status -> record(bank, batchId, first.payAcctNo(), date, group, rendered, actor));
        } catch (RuntimeException e) {
            rendered.forEach(r -> staging.discard(r.part().path()));
            throw e;
        }
        CrashPoints.reached("release-recorded");
        List<StagedFile> staged = new ArrayList<>();
        for (Rendered r : rendered) {
            Path path = staging.publish(r.part().path());
            staged.add(new StagedFile(r.deliveryId(), bank.code(), r.file().fileName(), r.file().messageId(), path,
                    r.file().credits().size(), r.file().totalAmount()));
            log.info("staged {} for {}: {} credits, {} CNY, {} bytes, SHA-256 {}", r.file().fileName(), bank.code(),
                    r.file().credits().size(), r.file().totalAmount(), r.part().bytes(), r.part().sha256());
        }
        CrashPoints.reached("release-staged");
        return staged;
    }

    private void record(BankProfile bank, String batchId, String payAcctNo, LocalDate date, List<Payment> group,
                        List<Rendered> rendered, String actor) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("""
                INSERT INTO payment_batch (batch_id, bank_code, pay_acct_no, execution_date, tx_count, total_amount,
                    file_count, created_at, created_by)
                VALUES (:id, :bank, :acct, :date, :n, :total, :files, :now, :actor)""",
                new MapSqlParameterSource()
                        .addValue("id", batchId)
                        .addValue("bank", bank.code())
                        .addValue("acct", payAcctNo)
                        .addValue("date", date)
                        .addValue("n", group.size())
                        .addValue("total", group.stream().map(Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                        .addValue("files", rendered.size())
                        .addValue("now", now)
                        .addValue("actor", actor));
        for (int i = 0; i < rendered.size(); i++) {
            Rendered r = rendered.get(i);
            String reason = "staged, " + r.part().bytes() + " bytes";
            jdbc.update("""
                    INSERT INTO bank_delivery (delivery_id, batch_id, bank_code, file_name, message_id, part_no, tx_count,
                        total_amount, file_sha256, status, prepared_at, status_reason, status_at)
                    VALUES (:id, :batch, :bank, :name, :msg, :part, :n, :total, :sha, :status, :now, :reason, :now)""",
                    new MapSqlParameterSource()
                            .addValue("id", r.deliveryId())
                            .addValue("batch", batchId)
                            .addValue("bank", bank.code())
                            .addValue("name", r.file().fileName())
                            .addValue("msg", r.file().messageId())
                            .addValue("part", i + 1)
                            .addValue("n", r.file().credits().size())
                            .addValue("total", r.file().totalAmount())
                            .addValue("sha", r.part().sha256())
                            .addValue("status", DeliveryStatus.PREPARED.name())
                            .addValue("reason", reason)
                            .addValue("now", now));
            DeliveryEvents.record(jdbc, clock, r.deliveryId(), null, DeliveryStatus.PREPARED, actor, reason);
            lifecycle.release(r.file().credits().stream().map(OutboundCredit::endToEndId).toList(), batchId,
                    r.deliveryId(), actor, "released in " + r.file().fileName());
        }
    }

    /**
     * Repairs the staging folders after a crash, before anything is uploaded: a {@code .part} file whose
     * delivery was committed is published (the crash came between the commit and the rename); one whose
     * delivery was not is removed — its payments changed state only in that uncommitted transaction, so
     * they are still APPROVED, in no file, and the next release takes them; a final-named file the database
     * has no delivery for (a lost commit, a restored database, a file put there by hand) is never uploaded:
     * it is quarantined with its reason and left for an operator.
     */
    public StagingRecovery recoverStaging() {
        synchronized (oneAtATime) {
            int published = 0;
            int discarded = 0;
            int quarantined = 0;
            for (BankProfile bank : banks.all()) {
                for (Path part : staging.parts(bank.code())) {
                    String name = part.getFileName().toString();
                    String fileName = name.substring(0, name.length() - StagingArea.PART.length());
                    if (known(bank.code(), fileName)) {
                        staging.publish(part);
                        published++;
                        log.warn("recovery: {} for {} was recorded but not renamed: published", fileName, bank.code());
                    } else {
                        staging.discard(part);
                        discarded++;
                        log.warn("recovery: {} for {} was staged but its release never committed: removed; its"
                                + " payments are still approved and in no file", fileName, bank.code());
                    }
                }
                for (Path waiting : staging.waiting(bank.code())) {
                    String fileName = waiting.getFileName().toString();
                    if (!known(bank.code(), fileName)) {
                        quarantine(bank.code(), fileName);
                        quarantined++;
                    }
                }
            }
            return new StagingRecovery(published, discarded, quarantined);
        }
    }

    /** Quarantines a final-named staged file the database has no delivery for; it is never uploaded. */
    public void quarantine(String bankCode, String fileName) {
        Path where = staging.quarantine(bankCode, fileName, STAGED_FILE_UNKNOWN, "the database has no delivery of "
                + fileName + " for " + bankCode + ": it is never sent; an operator decides", clock.instant());
        if (where == null) {
            return;
        }
        log.error("{}: {} for {} is staged but the database has no delivery for it: quarantined as {}, never sent",
                STAGED_FILE_UNKNOWN, fileName, bankCode, where);
    }

    private boolean known(String bankCode, String fileName) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM bank_delivery WHERE bank_code = :bank AND file_name = :name",
                new MapSqlParameterSource("bank", bankCode).addValue("name", fileName), Integer.class);
        return n != null && n > 0;
    }

    /** What {@link #recoverStaging} did: files published, removed and quarantined. */
    public record StagingRecovery(int published, int discarded, int quarantined) {
    }

    private static OutboundCredit credit(Payment p) {
        return new OutboundCredit(p.paymentId(), p.amount(), p.payeeAcctName(), p.payeeAcctNo(), p.payeeBankNo(),
                p.payeeBankName(), p.remittance());
    }

    private record Rendered(String deliveryId, PaymentFile file, StagingArea.Part part) {
    }
}
