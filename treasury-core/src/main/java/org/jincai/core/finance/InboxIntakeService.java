package org.jincai.core.finance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jincai.bank.file.BankFileNames;
import org.jincai.core.Digests;
import org.jincai.core.Ids;
import org.jincai.core.release.StagingArea;
import org.jincai.core.voucher.EnvelopeRefusedException;
import org.jincai.core.voucher.EnvelopeSource;
import org.jincai.core.voucher.VoucherIntakeService;
import org.jincai.core.voucher.VoucherOutcome;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;
import org.jincai.formats.fiscal.MofEnvelopeWriter;
import org.jincai.formats.fiscal.VoucherBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * A finance system's voucher inbox. Each file is taken once (by name and SHA-256, {@code intake_file}): the hub
 * first keeps its own copy ({@code <received>/<SYSTEM>/<intake id>.xml}) and records the intake PROCESSING, then
 * takes the vouchers through the same intake as {@code POST /api/v1/vouchers}, streamed from that copy. Every
 * voucher is answered once: a refused voucher with a return (退回, VoucherFlag 2, Return_Reason with the codes),
 * a voucher whose key was already taken with a duplicate notice ({@link DuplicateNotice}, never a return), each
 * kept in {@code voucher_notice} under a key so that a replay sends nothing twice, with its bytes and the staging
 * area holding its file ({@link StagedAnswers}: taken over by another node should this one be lost). An intake
 * interrupted by a crash is resumed from the hub's copy — at start ({@link #resumeInterrupted()}) or when the file is
 * seen again — and its own vouchers count as taken, not as duplicates.
 */
public class InboxIntakeService {

    public static final String FILE_EMPTY = "FILE_EMPTY";
    public static final String FILE_UNREADABLE = "FILE_UNREADABLE";

    static final String PROCESSING = "PROCESSING";
    static final String DONE = "DONE";
    static final String FAILED = "FAILED";
    static final String RETURN = "RETURN";
    static final String DUPLICATE = "DUPLICATE";

    private static final Logger log = LoggerFactory.getLogger(InboxIntakeService.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final VoucherIntakeService intake;
    private final StagingArea outbound;
    private final StagingArea received;
    private final Clock clock;
    private final ConcurrentMap<String, Object> running = new ConcurrentHashMap<>();

    /**
     * @param outbound where answers are staged for each system's outbox
     * @param received where the hub keeps its copy of each file while its intake runs
     */
    public InboxIntakeService(NamedParameterJdbcTemplate jdbc, VoucherIntakeService intake, StagingArea outbound,
                              StagingArea received, Clock clock) {
        this.jdbc = jdbc;
        this.intake = intake;
        this.outbound = outbound;
        this.received = received;
        this.clock = clock;
    }

    /**
     * Takes one inbox file, read from {@code file} (left where it is: the caller archives it once this returns).
     *
     * @throws FormatException the file is empty ({@value #FILE_EMPTY}), cannot be read ({@value #FILE_UNREADABLE}),
     *     or its envelope cannot be read (nothing of it stored); UNSAFE_FILE_NAME for a name that is not one
     *     safe path segment
     * @throws EnvelopeRefusedException the envelope is inconsistent (nothing of it stored)
     */
    public InboxResult take(FinanceSystem system, String fileName, Path file) {
        BankFileNames.requireSafeName(fileName);
        String sha = digestOf(file, fileName);
        synchronized (running.computeIfAbsent(system.code() + "/" + fileName + "/" + sha, k -> new Object())) {
            Optional<IntakeRow> seen = row(system.code(), fileName, sha);
            if (seen.filter(r -> DONE.equals(r.status())).isPresent()) {
                return new InboxResult(InboxResult.Outcome.ALREADY_TAKEN, sha, List.of(), List.of(), List.of());
            }
            String intakeId = seen.map(IntakeRow::intakeId).orElseGet(Ids::newId);
            Path copy = copyOf(system.code(), intakeId);
            if (!Files.exists(copy)) {
                keepCopy(file, copy);
            }
            if (seen.isEmpty()) {
                start(intakeId, system.code(), fileName, sha);
            }
            return run(system.code(), fileName, sha, intakeId, copy);
        }
    }

    /** As {@link #take(FinanceSystem, String, Path)} for content already in memory (small files, tests). */
    public InboxResult take(FinanceSystem system, String fileName, byte[] content) {
        Path incoming = received.folder(system.code()).resolve("incoming-" + Ids.newId() + StagingArea.PART);
        try {
            Files.createDirectories(incoming.getParent());
            Files.write(incoming, content);
            return take(system, fileName, incoming);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep a copy of " + fileName, e);
        } finally {
            deleteQuietly(incoming);
        }
    }

    /**
     * Finishes every intake a crash left PROCESSING, from the hub's copy: the vouchers it had stored stay
     * taken, the others are taken now, and each refused or duplicate voucher is answered once. Returns how many
     * intakes were finished; one that fails is logged and left for the next start or the file's next poll.
     */
    public int resumeInterrupted() {
        List<IntakeRow> interrupted = jdbc.query("""
                SELECT intake_id, finance_system, file_name, file_sha256, status FROM intake_file
                 WHERE status = :status ORDER BY received_at""",
                new MapSqlParameterSource("status", PROCESSING), (rs, n) -> new IntakeRow(rs.getString(1),
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
        int resumed = 0;
        for (IntakeRow r : interrupted) {
            Path copy = copyOf(r.system(), r.intakeId());
            if (!Files.exists(copy)) {
                log.warn("intake of {} from {} was interrupted and the hub's copy is gone: it resumes when the file is"
                        + " dropped again", r.fileName(), r.system());
                continue;
            }
            synchronized (running.computeIfAbsent(r.system() + "/" + r.fileName() + "/" + r.sha256(), k -> new Object())) {
                if (row(r.system(), r.fileName(), r.sha256()).filter(x -> PROCESSING.equals(x.status())).isEmpty()) {
                    continue;
                }
                try {
                    InboxResult result = run(r.system(), r.fileName(), r.sha256(), r.intakeId(), copy);
                    log.warn("resumed the interrupted intake of {} from {}: {} vouchers, {} returns and {} duplicate"
                            + " notices sent now", r.fileName(), r.system(), result.vouchers().size(),
                            result.returnFiles().size(), result.duplicateNotices().size());
                    resumed++;
                } catch (RuntimeException e) {
                    log.error("cannot resume the intake of {} from {}", r.fileName(), r.system(), e);
                }
            }
        }
        return resumed;
    }

    private InboxResult run(String system, String fileName, String sha, String intakeId, Path copy) {
        VoucherIntakeService.Origin origin = new VoucherIntakeService.Origin("inbox:" + system + "/" + fileName,
                "finance:" + system, intakeId);
        List<String> returns = new ArrayList<>();
        List<String> notices = new ArrayList<>();
        List<VoucherOutcome> outcomes;
        try {
            outcomes = intake.receive(EnvelopeSource.of(copy), origin, (o, body) -> {
                switch (o.status()) {
                    case REFUSED -> stageReturn(system, o, body).ifPresent(returns::add);
                    case DUPLICATE -> stageDuplicateNotice(system, fileName, sha, o, body).ifPresent(notices::add);
                    case ACCEPTED -> { }
                }
            });
        } catch (FormatException | EnvelopeRefusedException e) {
            finish(intakeId, FAILED, 0, 0, 0);
            deleteQuietly(copy);
            throw e;
        }
        int accepted = (int) outcomes.stream().filter(VoucherOutcome::accepted).count();
        finish(intakeId, DONE, outcomes.size(), accepted, outcomes.size() - accepted);
        deleteQuietly(copy);
        return new InboxResult(InboxResult.Outcome.TAKEN, sha, outcomes, returns, notices);
    }

    /** The return (退回) of a refused voucher, once per finance system, key and voucher bytes. */
    private Optional<String> stageReturn(String system, VoucherOutcome o, VoucherBody b) {
        byte[] xml = b.voucherXml();
        String key = noticeKey(RETURN, system, o.admDivCode(), o.stYear(), o.vtCode(), o.voucherNo(), Digests.sha256(xml));
        String name = AnswerFileNames.intakeReturn(o.admDivCode(), o.stYear(), o.vtCode(), o.voucherNo(), key);
        String reason = Digests.fit(GbkText.safe(o.errors().stream().map(Problem::toString)
                .collect(Collectors.joining("; "))), 1000);
        return sendOnce(system, key, RETURN, name, o, () -> returnEnvelope(b, xml, reason));
    }

    /**
     * The return envelope: the voucher as received — its base64 text, signatures and seals exactly as they came —
     * with VoucherFlag 2. Should routing attributes GBK cannot carry make it unwritable, they are written as
     * [U+XXXX] and the seals and signatures left out, rather than the refused voucher left unanswered.
     */
    private static byte[] returnEnvelope(VoucherBody b, byte[] xml, String reason) {
        try {
            return new MofEnvelopeWriter().toBytes(List.of(b.withIndex(1).withFlag(VoucherBody.FLAG_RETURN, reason)));
        } catch (FormatException e) {
            log.warn("the return of {} is written with its key made writable, without seals and signatures: {}",
                    b.key(), e.getMessage());
            return new MofEnvelopeWriter().toBytes(List.of(new VoucherBody(1, GbkText.safe(b.admDivCode()),
                    GbkText.safe(b.stYear()), GbkText.safe(b.vtCode()), GbkText.safe(b.voucherNo()),
                    VoucherBody.FLAG_RETURN, reason, "", xml, List.of(), List.of())));
        }
    }

    /** The duplicate notice of a voucher already taken, once per arrival: finance system, file and position. */
    private Optional<String> stageDuplicateNotice(String system, String fileName, String fileSha, VoucherOutcome o,
                                                  VoucherBody b) {
        String key = noticeKey(DUPLICATE, system, o.admDivCode(), o.stYear(), o.vtCode(), o.voucherNo(), fileSha,
                Integer.toString(o.index()));
        String name = AnswerFileNames.duplicateNotice(o.admDivCode(), o.stYear(), o.vtCode(), o.voucherNo(), key);
        return sendOnce(system, key, DUPLICATE, name, o, () -> {
            Original original = original(o);
            return DuplicateNotice.write(o, fileName, original.receivedAt(),
                    original.payloadSha256().equals(Digests.sha256(b.voucherXml())));
        });
    }

    /**
     * Stages {@code name} once for {@code key}: written under a temporary name, recorded — with this node's staging
     * area and the file's bytes, so that another node can write it again should this one be lost before its outbox
     * route delivered it ({@link StagedAnswers}) — then published. A notice recorded before a crash whose file was
     * not yet published is published when the intake is replayed, or at start ({@link ReceiptService#publishRecorded}).
     */
    private Optional<String> sendOnce(String system, String key, String kind, String name, VoucherOutcome o,
                                      Supplier<byte[]> content) {
        Optional<String> sent = jdbc.queryForList("SELECT file_name FROM voucher_notice WHERE notice_key = :k",
                new MapSqlParameterSource("k", key), String.class).stream().findFirst();
        if (sent.isPresent()) {
            Path left = outbound.folder(system).resolve(sent.get() + StagingArea.PART);
            if (Files.exists(left)) {
                outbound.publish(left);
            }
            return Optional.empty();
        }
        byte[] envelope = content.get();
        Path part = outbound.writePart(system, name, envelope);
        try {
            jdbc.update("""
                    INSERT INTO voucher_notice (notice_id, notice_key, kind, finance_system, adm_div_code, st_year,
                        vt_code, voucher_no, codes, file_name, created_at, staged_by, envelope)
                    VALUES (:id, :k, :kind, :system, :adm, :year, :vt, :no, :codes, :name, :now, :stagedBy,
                        :envelope)""",
                    new MapSqlParameterSource("id", Ids.newId()).addValue("k", key).addValue("kind", kind)
                            .addValue("system", system)
                            .addValue("adm", Digests.fit(o.admDivCode(), 9)).addValue("year", Digests.fit(o.stYear(), 4))
                            .addValue("vt", Digests.fit(o.vtCode(), 4)).addValue("no", Digests.fit(o.voucherNo(), 40))
                            .addValue("codes", Digests.fit(o.errors().stream().map(Problem::code).distinct()
                                    .collect(Collectors.joining(",")), 400))
                            .addValue("name", name).addValue("now", Timestamp.from(clock.instant()))
                            .addValue("stagedBy", outbound.id()).addValue("envelope", envelope));
        } catch (DuplicateKeyException concurrent) {
            outbound.discard(part);
            return Optional.empty();
        } catch (RuntimeException e) {
            outbound.discard(part);
            throw e;
        }
        outbound.publish(part);
        return Optional.of(name);
    }

    private static String noticeKey(String... parts) {
        return Digests.sha256(String.join("\u0000", java.util.Arrays.stream(parts).map(p -> p == null ? "\u0001" : p)
                .toList()).getBytes(StandardCharsets.UTF_8));
    }

    private Original original(VoucherOutcome o) {
        return jdbc.query("""
                SELECT received_at, payload_sha256 FROM voucher
                 WHERE adm_div_code = :adm AND st_year = :year AND vt_code = :vt AND voucher_no = :no AND voucher_flag = 0""",
                new MapSqlParameterSource("adm", o.admDivCode()).addValue("year", o.stYear()).addValue("vt", o.vtCode())
                        .addValue("no", o.voucherNo()),
                (rs, n) -> new Original(rs.getTimestamp(1).toInstant().toString(), rs.getString(2)))
                .stream().findFirst().orElse(new Original("", ""));
    }

    private record Original(String receivedAt, String payloadSha256) {
    }

    private static String digestOf(Path file, String fileName) {
        try {
            if (Files.size(file) == 0) {
                throw new FormatException(FILE_EMPTY, "the file is empty", fileName);
            }
            return Digests.sha256(file);
        } catch (IOException | UncheckedIOException e) {
            throw new FormatException(FILE_UNREADABLE, "the file cannot be read: " + e.getMessage(), fileName);
        }
    }

    private Path copyOf(String system, String intakeId) {
        return received.folder(system).resolve(intakeId + ".xml");
    }

    /** The hub's own copy, complete or absent: copied under a temporary name, then renamed. */
    private static void keepCopy(Path file, Path copy) {
        Path part = copy.resolveSibling(copy.getFileName() + StagingArea.PART);
        try {
            Files.createDirectories(copy.getParent());
            Files.copy(file, part, StandardCopyOption.REPLACE_EXISTING);
            Files.move(part, copy, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(part);
            throw new UncheckedIOException("cannot keep a copy of " + file.getFileName(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", file, e.getMessage());
        }
    }

    private Optional<IntakeRow> row(String system, String fileName, String sha) {
        return jdbc.query("""
                SELECT intake_id, finance_system, file_name, file_sha256, status FROM intake_file
                 WHERE finance_system = :s AND file_name = :n AND file_sha256 = :sha""",
                new MapSqlParameterSource("s", system).addValue("n", fileName).addValue("sha", sha),
                (rs, n) -> new IntakeRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5))).stream().findFirst();
    }

    private record IntakeRow(String intakeId, String system, String fileName, String sha256, String status) {
    }

    private void start(String intakeId, String system, String fileName, String sha) {
        jdbc.update("""
                INSERT INTO intake_file (intake_id, finance_system, file_name, file_sha256, status, vouchers, accepted,
                    refused, received_at)
                VALUES (:id, :s, :n, :sha, :status, 0, 0, 0, :now)""",
                new MapSqlParameterSource("s", system).addValue("n", fileName).addValue("sha", sha)
                        .addValue("id", intakeId).addValue("status", PROCESSING)
                        .addValue("now", Timestamp.from(clock.instant())));
    }

    private void finish(String intakeId, String status, int vouchers, int accepted, int refused) {
        jdbc.update("""
                UPDATE intake_file SET status = :status, vouchers = :v, accepted = :a, refused = :r WHERE intake_id = :id""",
                new MapSqlParameterSource("status", status).addValue("v", vouchers).addValue("a", accepted)
                        .addValue("r", refused).addValue("id", intakeId));
    }
}
