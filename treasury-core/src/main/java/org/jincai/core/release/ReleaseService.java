package org.jincai.core.release;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
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
import java.util.stream.Stream;
import org.jincai.bank.BankFormats;
import org.jincai.bank.file.BankFileNames;
import org.jincai.bank.file.FileSplitter;
import org.jincai.bank.file.OutboundCredit;
import org.jincai.bank.file.PaymentFile;
import org.jincai.bank.profile.BankProfile;
import org.jincai.core.Digests;
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
 * the bank's per-file limits, renders every file in the bank's format and character set, records the
 * batch and its deliveries, and stages the files for upload. Payments move APPROVED → RELEASED in the
 * same transaction that records their delivery.
 */
public class ReleaseService {

    /** Banks settle on Beijing time: execution dates are dates there. */
    public static final ZoneId BANK_ZONE = ZoneId.of("Asia/Shanghai");

    private static final Logger log = LoggerFactory.getLogger(ReleaseService.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final PaymentRepository payments;
    private final PaymentLifecycle lifecycle;
    private final BankDirectory banks;
    private final StagingArea staging;
    private final BankCalendar calendar;
    private final Clock clock;

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

    private List<StagedFile> releaseGroup(BankProfile bank, List<Payment> group, LocalDate date, String actor) {
        Payment first = group.get(0);
        String batchId = Ids.newBatchId(clock);
        List<List<OutboundCredit>> parts = FileSplitter.split(group.stream().map(ReleaseService::credit).toList(),
                bank.maxTransactionsPerFile(), bank.maxAmountPerFile());
        List<Rendered> rendered = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            String fileName = BankFileNames.name(bank, batchId, date, i + 1, parts.size());
            String messageId = batchId + "-" + String.format("%03d", i + 1);
            PaymentFile file = new PaymentFile(fileName, bank.code(), messageId, date, first.payAcctNo(),
                    first.payAcctName(), bank.primaryBankNumber(), parts.get(i));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BankFormats.writer(bank).write(file, out);
            rendered.add(new Rendered(Ids.newId(), file, out.toByteArray()));
        }
        List<Path> partFiles = new ArrayList<>();
        try {
            for (Rendered r : rendered) {
                partFiles.add(staging.writePart(bank.code(), r.file().fileName(), r.content()));
            }
            tx.executeWithoutResult(status -> record(bank, batchId, first.payAcctNo(), date, group, rendered, actor));
        } catch (RuntimeException e) {
            partFiles.forEach(staging::discard);
            throw e;
        }
        List<StagedFile> staged = new ArrayList<>();
        for (int i = 0; i < rendered.size(); i++) {
            Rendered r = rendered.get(i);
            Path path = staging.publish(partFiles.get(i));
            staged.add(new StagedFile(r.deliveryId(), bank.code(), r.file().fileName(), r.file().messageId(), path,
                    r.file().credits().size(), r.file().totalAmount()));
            log.info("staged {} for {}: {} credits, {} CNY", r.file().fileName(), bank.code(),
                    r.file().credits().size(), r.file().totalAmount());
        }
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
            jdbc.update("""
                    INSERT INTO bank_delivery (delivery_id, batch_id, bank_code, file_name, message_id, part_no, tx_count,
                        total_amount, file_sha256, status, prepared_at)
                    VALUES (:id, :batch, :bank, :name, :msg, :part, :n, :total, :sha, :status, :now)""",
                    new MapSqlParameterSource()
                            .addValue("id", r.deliveryId())
                            .addValue("batch", batchId)
                            .addValue("bank", bank.code())
                            .addValue("name", r.file().fileName())
                            .addValue("msg", r.file().messageId())
                            .addValue("part", i + 1)
                            .addValue("n", r.file().credits().size())
                            .addValue("total", r.file().totalAmount())
                            .addValue("sha", Digests.sha256(r.content()))
                            .addValue("status", DeliveryStatus.PREPARED.name())
                            .addValue("now", now));
            List<String> ids = r.file().credits().stream().map(OutboundCredit::endToEndId).toList();
            payments.assignToDelivery(ids, batchId, r.deliveryId());
            lifecycle.move(ids, PaymentStatus.APPROVED, PaymentStatus.RELEASED, actor,
                    "released in " + r.file().fileName());
        }
    }

    /**
     * After a crash between staging and commit: a staged {@code .part} file whose delivery was committed is
     * published, one whose delivery was not is discarded (its payments are still APPROVED and will be
     * released again). Returns how many files were published.
     */
    public int recoverStaging() {
        int published = 0;
        for (BankProfile bank : banks.all()) {
            Path folder = staging.folder(bank.code());
            if (!Files.isDirectory(folder)) {
                continue;
            }
            List<Path> parts;
            try (Stream<Path> files = Files.list(folder)) {
                parts = files.filter(f -> f.getFileName().toString().endsWith(StagingArea.PART)).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (Path part : parts) {
                String name = part.getFileName().toString();
                String fileName = name.substring(0, name.length() - StagingArea.PART.length());
                Integer known = jdbc.queryForObject(
                        "SELECT COUNT(*) FROM bank_delivery WHERE bank_code = :bank AND file_name = :name AND status = :s",
                        new MapSqlParameterSource("bank", bank.code()).addValue("name", fileName)
                                .addValue("s", DeliveryStatus.PREPARED.name()), Integer.class);
                if (known != null && known > 0) {
                    staging.publish(part);
                    published++;
                } else {
                    staging.discard(part);
                }
            }
        }
        return published;
    }

    private static OutboundCredit credit(Payment p) {
        return new OutboundCredit(p.paymentId(), p.amount(), p.payeeAcctName(), p.payeeAcctNo(), p.payeeBankNo(),
                p.payeeBankName(), p.remittance());
    }

    private record Rendered(String deliveryId, PaymentFile file, byte[] content) {
    }
}
