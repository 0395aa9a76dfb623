package org.jincai.core.release;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jincai.bank.BankFormats;
import org.jincai.bank.file.BankFileNames;
import org.jincai.bank.file.BankFileWriter;
import org.jincai.bank.file.CreditSource;
import org.jincai.bank.file.FileHead;
import org.jincai.bank.file.FileSplitter;
import org.jincai.bank.file.OutboundCredit;
import org.jincai.bank.file.PaymentFile;
import org.jincai.bank.profile.BankProfile;
import org.jincai.core.CrashPoints;
import org.jincai.core.Digests;
import org.jincai.core.Ids;
import org.jincai.core.TreasuryException;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Releases approved payments to the banks: groups them by bank and payer account, splits each group by
 * the bank's per-file limits, renders every file in the bank's format and character set — streamed into
 * {@code <name>.part} in the bank's staging folder (a pain.001 checked against its XSD as it passes), its
 * SHA-256 computed on the way, forced to disk — then records the batch and its deliveries, then renames
 * each file to its final name for the upload route. Payments move APPROVED → RELEASED in the same transaction that records their delivery,
 * and only if they are still APPROVED and in no file (a job's payments not yet in the database are born RELEASED in
 * that transaction instead: {@link #stageBorn}); a file is never renamed before that commit, so no
 * byte leaves the hub for a file the database does not know. Releases, the records of born files and the start-up
 * repair of the staging folders ({@link #recoverStaging}) run one at a time; a born file's part is written beside
 * them ({@link #stageBorn}).
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
    /** The same database, reading large results a page of rows at a time (a cursor where the driver has one). */
    private final NamedParameterJdbcTemplate streaming;
    private final Object oneAtATime = new Object();
    /**
     * The {@code bank/file} names whose part {@link #stageBorn} is writing outside {@link #oneAtATime}, or has written
     * and not yet recorded and renamed, or removed: not a crash's leftover, for {@link #recoverStaging}.
     */
    private final Set<String> partsBeingWritten = ConcurrentHashMap.newKeySet();
    /**
     * {@link #stageBorn}'s locks by batch id: the files of a node are written side by side, but two threads never
     * write the same batch's part at once (a partition sent again to a node whose earlier worker still runs).
     */
    private final Object[] batchStripes = Stream.generate(Object::new).limit(64).toArray();

    /** Rows a streamed read takes from the database at a time. */
    static final int FETCH_SIZE = 500;
    /** The columns of an {@link OutboundCredit}, in its constructor's order. */
    private static final String CREDIT_COLUMNS = "payment_id, amount, payee_acct_name, payee_acct_no, payee_bank_no,"
            + " payee_bank_name, remittance";
    /** A file of a planned range refused: its payments would pass the bank's per-file limits. */
    public static final String RELEASE_RANGE_OVER_LIMITS = "RELEASE_RANGE_OVER_LIMITS";
    /** A planned file refused: another number of payments than planned would have been born in it. */
    public static final String RELEASE_PLAN_CHANGED = "RELEASE_PLAN_CHANGED";

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
        JdbcTemplate paged = new JdbcTemplate(jdbc.getJdbcTemplate().getDataSource());
        paged.setFetchSize(FETCH_SIZE);
        this.streaming = new NamedParameterJdbcTemplate(paged);
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
     * The files a job's run of payments-to-be is cut into for one bank, decided before any is rendered, by one scan
     * of the caller's rows — {@code sql} selects, bound by {@code params}, each one's number, payer account and amount
     * (columns 1 to 3), ordered by number: a payroll run's valid lines of the bank, whether or not their payments are
     * born yet, so that a plan made again cuts the same files. Each payer account's rows are cut in the order of
     * their numbers: a file ends where the next row would pass the bank's count or amount limit; a row alone above
     * the amount limit is a file of its own. The files are numbered (from 1) by their first row's number. Memory is
     * one open file per payer account and the list of files.
     */
    public List<PlannedFile> planFiles(BankProfile bank, String sql, MapSqlParameterSource params) {
        return tx.execute(status -> streaming.query(sql, params, rs -> {
            Map<String, Cut> open = new LinkedHashMap<>();
            List<PlannedFile> files = new ArrayList<>();
            while (rs.next()) {
                String account = rs.getString(2);
                BigDecimal amount = rs.getBigDecimal(3);
                Cut cut = open.get(account);
                if (cut == null || !cut.takes(amount)) {
                    if (cut != null) {
                        files.add(cut.file(account));
                    }
                    cut = new Cut(bank);
                    open.put(account, cut);
                }
                cut.add(rs.getInt(1), amount);
            }
            open.forEach((account, cut) -> files.add(cut.file(account)));
            files.sort(Comparator.comparingInt(PlannedFile::firstSeq));
            List<PlannedFile> numbered = new ArrayList<>(files.size());
            for (int i = 0; i < files.size(); i++) {
                numbered.add(files.get(i).numbered(i + 1));
            }
            return numbered;
        }));
    }

    /**
     * Payments the database does not hold yet, born in the file that carries them: a job's lines turned into
     * payments only when their file is recorded (a payroll run, docs/payroll.md).
     */
    public interface Births {

        /**
         * The file's credits in file order, each time anew (the writer reads them twice), their end-to-end ids the
         * payments' ids to be — the same ids each time, since the file's bytes and its payments must agree.
         */
        CreditSource credits();

        /**
         * In the transaction recording the file (its batch and delivery written): inserts the file's payments,
         * RELEASED in {@code batchId} and {@code deliveryId}, with their events; returns how many were born.
         */
        int bear(String batchId, String deliveryId, String reason);
    }

    /**
     * Stages one planned file ({@link #planFiles}) of payments not yet in the database under {@code batchId}:
     * {@code births}' credits streamed into {@code <name>.part} in the bank's format and character set (a pain.001
     * checked against its XSD as it passes, its SHA-256 computed on the way, forced to disk), then one transaction
     * runs {@code fence}, records the batch and its delivery and has {@code births} insert the file's payments
     * RELEASED in them — exactly the plan's count, or nothing is recorded — then the file is renamed for the upload
     * route; the part is removed when the record fails. Empty when the batch is recorded already: a file is never
     * built twice, nor its payments born twice (a crash before the record leaves neither file nor payment; the next
     * call builds both again, from the same credits). Threads staging different batches write their parts side by
     * side, outside the node's release lock, and take it in turn to record and rename them: one file's lines are
     * read and formatted while the database records another's. A batch recorded by another worker while this one
     * wrote its part is not recorded again: the part is removed and the result is empty.
     *
     * @throws TreasuryException {@value #RELEASE_RANGE_OVER_LIMITS} when the file passes the bank's per-file limits
     *                           (its profile changed since the plan was made), {@value #RELEASE_PLAN_CHANGED} when
     *                           the credits written are not the plan's count and total, or the payments born not its
     *                           count: nothing is staged
     */
    public Optional<StagedFile> stageBorn(BankProfile bank, String batchId, PlannedFile file, String payAcctName,
                                          Births births, String actor, Runnable fence) {
        synchronized (batchStripes[Math.floorMod(batchId.hashCode(), batchStripes.length)]) {
            return stageBornAlone(bank, batchId, file, payAcctName, births, actor, fence);
        }
    }

    /** {@link #stageBorn}, no other thread of the node staging the same batch meanwhile. */
    private Optional<StagedFile> stageBornAlone(BankProfile bank, String batchId, PlannedFile file, String payAcctName,
                                                Births births, String actor, Runnable fence) {
        // a first look before the file is written; the record looks again under the lock
        if (recorded(batchId)) {
            return Optional.empty();
        }
        if (file.count() > bank.maxTransactionsPerFile() || file.count() > 1
                && file.total().compareTo(bank.maxAmountPerFile()) > 0) {
            throw new TreasuryException(RELEASE_RANGE_OVER_LIMITS, "the " + file.count() + " payments of file "
                    + file.number() + " (" + file.total() + " CNY) pass " + bank.code() + "'s limits of "
                    + bank.maxTransactionsPerFile() + " credits and " + bank.maxAmountPerFile()
                    + " CNY a file (its profile changed since the file was planned)", batchId);
        }
        LocalDate date = executionDate(bank);
        String fileName = BankFileNames.name(bank, batchId, date, 1, 1);
        String messageId = batchId + "-001";
        FileHead head = new FileHead(fileName, bank.code(), messageId, date, file.payAcctNo(), payAcctName,
                bank.primaryBankNumber());
        BankFileWriter writer = BankFormats.writer(bank);
        // the credits each pass of the writer read, and their total: the file's, once it is written
        int[] written = {0};
        BigDecimal[] writtenTotal = {BigDecimal.ZERO};
        CreditSource credits = births.credits();
        CreditSource counted = new CreditSource() {
            @Override
            public Stream<OutboundCredit> open() {
                written[0] = 0;
                writtenTotal[0] = BigDecimal.ZERO;
                return credits.open().peek(c -> {
                    written[0]++;
                    writtenTotal[0] = writtenTotal[0].add(c.amount());
                });
            }

            @Override
            public boolean distinctIds() {
                return credits.distinctIds();
            }
        };
        // written outside the lock, while another file of the node is recorded: the file's lines read and
        // formatted on one core while the database records the other on the other; in a transaction of its
        // own, so that where the driver needs one for a cursor, it has one
        String writing = bank.code() + "/" + fileName;
        // the part is this thread's until it is renamed or removed: the start-up repair leaves it alone meanwhile,
        // even while this thread waits for the lock with the part written
        partsBeingWritten.add(writing);
        try {
            StagingArea.Part part = tx.execute(status -> staging.writePart(bank.code(), fileName,
                    out -> writer.write(head, counted, out)));
            String deliveryId = Ids.newId();
            synchronized (oneAtATime) {
                try {
                    if (written[0] != file.count() || writtenTotal[0].compareTo(file.total()) != 0) {
                        throw new TreasuryException(RELEASE_PLAN_CHANGED, "file " + file.number() + " of " + batchId
                                + " was planned with " + file.count() + " payments of " + file.total() + " CNY, "
                                + written[0] + " of " + writtenTotal[0] + " CNY were written: nothing recorded",
                                batchId);
                    }
                    CrashPoints.reached("release-file-written");
                    if (recorded(batchId)) {
                        // recorded by another worker while this one wrote its copy: the copy is not needed
                        staging.discard(part.path());
                        return Optional.empty();
                    }
                    tx.executeWithoutResult(status -> {
                        fence.run();
                        insertBatch(bank, batchId, file.payAcctNo(), date, file.count(), file.total(), 1,
                                Timestamp.from(clock.instant()), actor);
                        insertDelivery(bank, batchId, deliveryId, fileName, messageId, 1, file.count(),
                                file.total(), part, actor);
                        int born = births.bear(batchId, deliveryId, "released in " + fileName);
                        if (born != file.count()) {
                            throw new TreasuryException(RELEASE_PLAN_CHANGED, "file " + file.number() + " of "
                                    + batchId + " was planned with " + file.count() + " payments, " + born
                                    + " were born: nothing recorded", batchId);
                        }
                    });
                } catch (RuntimeException e) {
                    staging.discard(part.path());
                    throw e;
                }
                CrashPoints.reached("release-recorded");
                Path path = staging.publish(part.path());
                log.info("staged {} for {}: {} credits, {} CNY, {} bytes, SHA-256 {}", fileName, bank.code(),
                        file.count(), file.total(), part.bytes(), part.sha256());
                CrashPoints.reached("release-staged");
                return Optional.of(new StagedFile(deliveryId, bank.code(), fileName, messageId, path, file.count(),
                        file.total()));
            }
        } finally {
            partsBeingWritten.remove(writing);
        }
    }

    private boolean recorded(String batchId) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM payment_batch WHERE batch_id = :id",
                new MapSqlParameterSource("id", batchId), Integer.class);
        return n != null && n > 0;
    }

    /**
     * Takes over the files of the batches starting with {@code batchPrefix} that another node staged and never began
     * to upload (PREPARED, {@code staged_by} another staging area): the node that staged them is lost, with its disk
     * (a payroll run restarted on another node, docs/deployment.md). Each is rendered again here from the database —
     * the same name, message id, execution date, payer and payments, streamed into {@code <name>.part} — then taken
     * by one conditional update (still PREPARED and still the other node's: its new SHA-256 and this area recorded,
     * an event in its trail) and renamed for this node's upload route; a file the other node began to upload
     * meanwhile is left to it and the copy removed. The other node, should it come back, can no longer start its
     * upload ({@link DeliveryService#startTransfer}) and quarantines its copy. Returns the files taken over.
     */
    public List<StagedFile> restage(String batchPrefix, String actor) {
        return restageWhere("d.batch_id LIKE :prefix", new MapSqlParameterSource("prefix", batchPrefix + "%"), actor);
    }

    /**
     * Takes over, as {@link #restage} does, every file that staging area {@code stagingId} holds and that no upload
     * began (PREPARED): the node holding that area is lost (the cluster's sweep of staged files, docs/deployment.md).
     * Returns the files taken over; none when {@code stagingId} is this node's own area.
     */
    public List<StagedFile> restageHeldBy(String stagingId, String actor) {
        return restageWhere("d.staged_by = :area", new MapSqlParameterSource("area", stagingId), actor);
    }

    /**
     * Takes over, as {@link #restage} does, the files of exactly the batches {@code batchIds} that another node staged
     * and never began to upload: those of one payroll partition sent again to this node after its worker's node was
     * lost, and none of another partition's, which a living node may still be sending. Returns the files taken over.
     */
    public List<StagedFile> restageBatches(Collection<String> batchIds, String actor) {
        if (batchIds.isEmpty()) {
            return List.of();
        }
        return restageWhere("d.batch_id IN (:batches)", new MapSqlParameterSource("batches", batchIds), actor);
    }

    private List<StagedFile> restageWhere(String condition, MapSqlParameterSource p, String actor) {
        synchronized (oneAtATime) {
            p.addValue("prepared", DeliveryStatus.PREPARED.name()).addValue("me", staging.id());
            List<Map<String, Object>> elsewhere = jdbc.queryForList("""
                    SELECT d.delivery_id, d.bank_code, d.file_name, d.message_id, d.tx_count, d.total_amount,
                           d.staged_by, b.pay_acct_no
                      FROM bank_delivery d JOIN payment_batch b ON b.batch_id = d.batch_id
                     WHERE d.status = :prepared AND d.staged_by IS NOT NULL AND d.staged_by <> :me AND\s""" + condition
                    + " ORDER BY d.bank_code, d.file_name", p);
            List<StagedFile> taken = new ArrayList<>();
            for (Map<String, Object> row : elsewhere) {
                restageOne(row, actor).ifPresent(taken::add);
            }
            return taken;
        }
    }

    private Optional<StagedFile> restageOne(Map<String, Object> row, String actor) {
        String deliveryId = (String) row.get("delivery_id");
        String fileName = (String) row.get("file_name");
        String messageId = (String) row.get("message_id");
        String other = (String) row.get("staged_by");
        BankProfile bank = banks.require((String) row.get("bank_code"));
        MapSqlParameterSource of = new MapSqlParameterSource("d", deliveryId);
        String payAcctName = jdbc.queryForObject("SELECT MIN(pay_acct_name) FROM payment WHERE delivery_id = :d", of,
                String.class);
        LocalDate date = jdbc.queryForObject("SELECT b.execution_date FROM payment_batch b JOIN bank_delivery d"
                + " ON d.batch_id = b.batch_id WHERE d.delivery_id = :d", of, LocalDate.class);
        FileHead head = new FileHead(fileName, bank.code(), messageId, date, (String) row.get("pay_acct_no"),
                payAcctName, bank.primaryBankNumber());
        CreditSource credits = CreditSource.distinct(() -> streaming.queryForStream("SELECT " + CREDIT_COLUMNS
                + " FROM payment WHERE delivery_id = :d ORDER BY seq", of, (rs, n) -> new OutboundCredit(
                rs.getString(1), rs.getBigDecimal(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7))));
        BankFileWriter writer = BankFormats.writer(bank);
        StagingArea.Part part = tx.execute(status -> staging.writePart(bank.code(), fileName,
                out -> writer.write(head, credits, out)));
        String reason = "staged again on this node (staging area " + staging.id() + "): the node of staging area "
                + other + " that staged it is lost and never began its upload; " + part.bytes() + " bytes";
        Boolean took;
        try {
            took = tx.execute(status -> {
                int n = jdbc.update("""
                        UPDATE bank_delivery SET staged_by = :me, file_sha256 = :sha, status_reason = :reason,
                               status_at = :now
                         WHERE delivery_id = :d AND status = :prepared AND staged_by = :other""",
                        new MapSqlParameterSource("me", staging.id()).addValue("sha", part.sha256())
                                .addValue("reason", Digests.fit(reason, 400))
                                .addValue("now", Timestamp.from(clock.instant())).addValue("d", deliveryId)
                                .addValue("prepared", DeliveryStatus.PREPARED.name()).addValue("other", other));
                if (n == 1) {
                    DeliveryEvents.record(jdbc, clock, deliveryId, DeliveryStatus.PREPARED, DeliveryStatus.PREPARED,
                            actor, reason);
                }
                return n == 1;
            });
        } catch (RuntimeException e) {
            staging.discard(part.path());
            throw e;
        }
        if (!Boolean.TRUE.equals(took)) {
            staging.discard(part.path());
            log.info("{} for {}: its node began its upload meanwhile; left to it", fileName, bank.code());
            return Optional.empty();
        }
        Path path = staging.publish(part.path());
        log.warn("{} for {} was staged by a lost node (staging area {}) and never sent: staged again here, {} bytes,"
                + " SHA-256 {}", fileName, bank.code(), other, part.bytes(), part.sha256());
        return Optional.of(new StagedFile(deliveryId, bank.code(), fileName, messageId, path,
                ((Number) row.get("tx_count")).intValue(), (BigDecimal) row.get("total_amount")));
    }

    /**
     * One file of a plan ({@link #planFiles}): its number in the plan (from 1), the payer account its payments are
     * debited from, the numbers of its first and last row, and how many rows of that account it has and their total.
     */
    public record PlannedFile(int number, String payAcctNo, int firstSeq, int lastSeq, int count, BigDecimal total) {

        PlannedFile numbered(int n) {
            return new PlannedFile(n, payAcctNo, firstSeq, lastSeq, count, total);
        }
    }

    /**
     * Where a file ends, as every release path of a job's run cuts it: payments taken in the order of their numbers
     * while the file stays within the bank's count and amount limits; the first payment is always taken, so one
     * alone above the amount limit is a file of its own.
     */
    private static final class Cut {

        private final int maxCount;
        private final BigDecimal maxAmount;
        private int count;
        private int first;
        private int last;
        private BigDecimal total = BigDecimal.ZERO;

        Cut(BankProfile bank) {
            this.maxCount = bank.maxTransactionsPerFile();
            this.maxAmount = bank.maxAmountPerFile();
        }

        boolean takes(BigDecimal amount) {
            return count == 0 || count < maxCount && total.add(amount).compareTo(maxAmount) <= 0;
        }

        void add(int seq, BigDecimal amount) {
            if (count == 0) {
                first = seq;
            }
            count++;
            last = seq;
            total = total.add(amount);
        }

        PlannedFile file(String account) {
            return new PlannedFile(0, account, first, last, count, total);
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
        insertBatch(bank, batchId, payAcctNo, date, group.size(),
                group.stream().map(Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add), rendered.size(),
                Timestamp.from(clock.instant()), actor);
        for (int i = 0; i < rendered.size(); i++) {
            Rendered r = rendered.get(i);
            insertDelivery(bank, batchId, r.deliveryId(), r.file().fileName(), r.file().messageId(), i + 1,
                    r.file().credits().size(), r.file().totalAmount(), r.part(), actor);
            lifecycle.release(r.file().credits().stream().map(OutboundCredit::endToEndId).toList(), batchId,
                    r.deliveryId(), actor, "released in " + r.file().fileName());
        }
    }

    private void insertBatch(BankProfile bank, String batchId, String payAcctNo, LocalDate date, int count,
                             BigDecimal total, int files, Timestamp now, String actor) {
        jdbc.update("""
                INSERT INTO payment_batch (batch_id, bank_code, pay_acct_no, execution_date, tx_count, total_amount,
                    file_count, created_at, created_by)
                VALUES (:id, :bank, :acct, :date, :n, :total, :files, :now, :actor)""",
                new MapSqlParameterSource()
                        .addValue("id", batchId)
                        .addValue("bank", bank.code())
                        .addValue("acct", payAcctNo)
                        .addValue("date", date)
                        .addValue("n", count)
                        .addValue("total", total)
                        .addValue("files", files)
                        .addValue("now", now)
                        .addValue("actor", actor));
    }

    private void insertDelivery(BankProfile bank, String batchId, String deliveryId, String fileName, String messageId,
                                int partNo, int count, BigDecimal total, StagingArea.Part part, String actor) {
        Timestamp now = Timestamp.from(clock.instant());
        String reason = "staged, " + part.bytes() + " bytes";
        jdbc.update("""
                INSERT INTO bank_delivery (delivery_id, batch_id, bank_code, file_name, message_id, part_no, tx_count,
                    total_amount, file_sha256, status, prepared_at, status_reason, status_at, staged_by)
                VALUES (:id, :batch, :bank, :name, :msg, :part, :n, :total, :sha, :status, :now, :reason, :now, :by)""",
                new MapSqlParameterSource()
                        .addValue("id", deliveryId)
                        .addValue("batch", batchId)
                        .addValue("bank", bank.code())
                        .addValue("name", fileName)
                        .addValue("msg", messageId)
                        .addValue("part", partNo)
                        .addValue("n", count)
                        .addValue("total", total)
                        .addValue("sha", part.sha256())
                        .addValue("status", DeliveryStatus.PREPARED.name())
                        .addValue("reason", reason)
                        .addValue("now", now)
                        .addValue("by", staging.id()));
        DeliveryEvents.record(jdbc, clock, deliveryId, null, DeliveryStatus.PREPARED, actor, reason);
    }

    /**
     * Repairs the staging folders after a crash, before anything is uploaded: a {@code .part} file whose
     * delivery was committed is published (the crash came between the commit and the rename) — unless another node
     * took the delivery over meanwhile ({@link #restage}): then it is removed, never sent; one whose
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
                    if (partsBeingWritten.contains(bank.code() + "/" + fileName)) {
                        continue;
                    }
                    if (knownHere(bank.code(), fileName)) {
                        staging.publish(part);
                        published++;
                        log.warn("recovery: {} for {} was recorded but not renamed: published", fileName, bank.code());
                    } else {
                        staging.discard(part);
                        discarded++;
                        if (known(bank.code(), fileName)) {
                            log.warn("recovery: {} for {} was taken over by another node while this one was down:"
                                    + " this copy removed, never sent", fileName, bank.code());
                        } else {
                            log.warn("recovery: {} for {} was staged but its release never committed: removed; its"
                                    + " payments are still approved and in no file, or still to be born",
                                    fileName, bank.code());
                        }
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

    /** Recorded, and staged in this node's area (not taken over by another node since). */
    private boolean knownHere(String bankCode, String fileName) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM bank_delivery WHERE bank_code = :bank AND file_name = :name"
                + " AND (staged_by IS NULL OR staged_by = :me)", new MapSqlParameterSource("bank", bankCode)
                .addValue("name", fileName).addValue("me", staging.id()), Integer.class);
        return n != null && n > 0;
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
