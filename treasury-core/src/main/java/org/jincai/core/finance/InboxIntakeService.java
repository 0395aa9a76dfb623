package org.jincai.core.finance;

import java.io.ByteArrayInputStream;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jincai.bank.file.BankFileNames;
import org.jincai.core.Digests;
import org.jincai.core.Ids;
import org.jincai.core.release.StagingArea;
import org.jincai.core.voucher.EnvelopeRefusedException;
import org.jincai.core.voucher.VoucherIntakeService;
import org.jincai.core.voucher.VoucherOutcome;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;
import org.jincai.formats.fiscal.MofEnvelopeWriter;
import org.jincai.formats.fiscal.VoucherBody;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * A finance system's voucher inbox: each file is taken once (by name and SHA-256) through the same intake
 * as {@code POST /api/v1/vouchers}, and every refused voucher is answered with a return (退回, VoucherFlag 2,
 * Return_Reason with the codes) staged for the system's outbox — never silence. A file whose intake was
 * interrupted is recognised when it comes again, and the vouchers it had already stored are not returned
 * as duplicates.
 */
public class InboxIntakeService {

    static final String PROCESSING = "PROCESSING";
    static final String DONE = "DONE";
    static final String FAILED = "FAILED";

    private final NamedParameterJdbcTemplate jdbc;
    private final VoucherIntakeService intake;
    private final StagingArea outbound;
    private final Clock clock;

    public InboxIntakeService(NamedParameterJdbcTemplate jdbc, VoucherIntakeService intake,
                              StagingArea outbound, Clock clock) {
        this.jdbc = jdbc;
        this.intake = intake;
        this.outbound = outbound;
        this.clock = clock;
    }

    public InboxResult take(FinanceSystem system, String fileName, byte[] content) {
        BankFileNames.requireSafeName(fileName);
        String sha = Digests.sha256(content);
        Optional<String> seen = status(system.code(), fileName, sha);
        if (seen.filter(DONE::equals).isPresent()) {
            return new InboxResult(InboxResult.Outcome.ALREADY_TAKEN, List.of(), List.of());
        }
        boolean replay = seen.isPresent();
        String intakeId = replay ? id(system.code(), fileName, sha) : start(system.code(), fileName, sha);
        List<VoucherOutcome> outcomes;
        try {
            outcomes = intake.receive(new ByteArrayInputStream(content), "inbox:" + system.code() + "/" + fileName,
                    "finance:" + system.code());
        } catch (FormatException | EnvelopeRefusedException e) {
            finish(intakeId, FAILED, 0, 0, 0);
            throw e;
        }
        List<String> returns = new ArrayList<>();
        for (VoucherOutcome o : outcomes) {
            if (!o.accepted() && !(replay && onlyDuplicate(o))) {
                returns.add(stageReturn(system, o));
            }
        }
        int accepted = (int) outcomes.stream().filter(VoucherOutcome::accepted).count();
        finish(intakeId, DONE, outcomes.size(), accepted, outcomes.size() - accepted);
        return new InboxResult(InboxResult.Outcome.TAKEN, outcomes, returns);
    }

    private String stageReturn(FinanceSystem system, VoucherOutcome o) {
        VoucherBody b = o.body();
        String reason = Digests.fit(GbkText.safe(o.errors().stream().map(Problem::toString)
                .collect(Collectors.joining("; "))), 1000);
        // the voucher's base64 text, signatures and seals go back exactly as received
        VoucherBody returned = b.withIndex(1).withFlag(VoucherBody.FLAG_RETURN, reason);
        String name = BankFileNames.requireSafeName(safe(b.admDivCode()) + "_" + safe(b.stYear()) + "_" + safe(b.vtCode())
                + "_" + safe(b.voucherNo()) + "_return_" + Ids.newOrderedId(clock).substring(0, 21) + ".xml");
        outbound.stage(system.code(), name, new MofEnvelopeWriter().toBytes(List.of(returned)));
        return name;
    }

    /** Fiscal keys come from outside: only letters and digits reach a file name. */
    private static String safe(String s) {
        return s == null ? "" : s.replaceAll("[^A-Za-z0-9]", "");
    }

    private static boolean onlyDuplicate(VoucherOutcome o) {
        return o.errors().stream().allMatch(p -> p.code().equals(VoucherIntakeService.DUPLICATE_VOUCHER));
    }

    private Optional<String> status(String system, String fileName, String sha) {
        return jdbc.queryForList("""
                SELECT status FROM intake_file WHERE finance_system = :s AND file_name = :n AND file_sha256 = :sha""",
                key(system, fileName, sha), String.class).stream().findFirst();
    }

    private String id(String system, String fileName, String sha) {
        return jdbc.queryForObject("""
                SELECT intake_id FROM intake_file WHERE finance_system = :s AND file_name = :n AND file_sha256 = :sha""",
                key(system, fileName, sha), String.class);
    }

    private String start(String system, String fileName, String sha) {
        String id = Ids.newId();
        jdbc.update("""
                INSERT INTO intake_file (intake_id, finance_system, file_name, file_sha256, status, vouchers, accepted,
                    refused, received_at)
                VALUES (:id, :s, :n, :sha, :status, 0, 0, 0, :now)""",
                key(system, fileName, sha).addValue("id", id).addValue("status", PROCESSING)
                        .addValue("now", Timestamp.from(clock.instant())));
        return id;
    }

    private void finish(String intakeId, String status, int vouchers, int accepted, int refused) {
        jdbc.update("""
                UPDATE intake_file SET status = :status, vouchers = :v, accepted = :a, refused = :r WHERE intake_id = :id""",
                new MapSqlParameterSource("status", status).addValue("v", vouchers).addValue("a", accepted)
                        .addValue("r", refused).addValue("id", intakeId));
    }

    private static MapSqlParameterSource key(String system, String fileName, String sha) {
        return new MapSqlParameterSource("s", system).addValue("n", fileName).addValue("sha", sha);
    }
}
