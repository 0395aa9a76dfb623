package org.jincai.server.controls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jincai.core.access.DataScope;
import org.jincai.core.access.ScopedReads;
import org.jincai.core.controls.Actor;
import org.jincai.core.controls.ControlCodes;
import org.jincai.core.controls.ControlException;
import org.jincai.core.finance.FinanceSystem;
import org.jincai.formats.Problem;
import org.jincai.formats.fiscal.FiscalReadOptions;
import org.jincai.formats.fiscal.MofEnvelopeReader;
import org.jincai.formats.fiscal.VoucherBody;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The data scope on the endpoints whose objects the core's controls do not scope themselves: a voucher envelope
 * (every voucher's division — and agency, for a scope of agencies — inside the sender's scope, and for a finance
 * system's user, served by that system), receipts, a bank delivery an operator decides, and the acts that span the whole
 * hub (a release, the dormant-account scan, the audit chain's check), which need a scope of everything. A refusal is
 * {@value ControlCodes#OUT_OF_SCOPE} (403), before anything is stored.
 */
@Component
public class ScopeGuard {

    private static final Pattern AGENCY = Pattern.compile("<AgencyCode>\\s*([^<\\s]*)\\s*</AgencyCode>");

    private final ScopedReads reads;

    public ScopeGuard(NamedParameterJdbcTemplate jdbc) {
        this.reads = new ScopedReads(jdbc);
    }

    /** Refuses {@code who} unless their scope is everything: {@code what} spans the whole hub. */
    public void requireEverything(Actor who, String what) {
        if (!who.scope().all()) {
            throw outside(who.name() + " sees part of the hub only; " + what + " spans all of it", what);
        }
    }

    /**
     * Refuses the envelope unless each of its vouchers is inside the sender's scope and, when they speak for a
     * finance system, of a division that system serves. An envelope the reader cannot read passes: the intake refuses
     * it with its own code.
     */
    public void requireEnvelope(Actor who, Optional<FinanceSystem> system, Path envelope) {
        DataScope scope = who.scope();
        if (scope.all() && system.isEmpty()) {
            return;
        }
        List<Problem> problems = new ArrayList<>();
        try (InputStream in = Files.newInputStream(envelope)) {
            new MofEnvelopeReader(FiscalReadOptions.defaults()).readEach(in, "body", body -> {
                String at = body.location() + " / AdmDivCode";
                if (system.isPresent() && !system.get().serves(body.admDivCode())) {
                    problems.add(Problem.of(ControlCodes.OUT_OF_SCOPE, "finance system " + system.get().code()
                            + " does not speak for AdmDivCode " + body.admDivCode(), at));
                } else if (!scope.coversDivision(body.admDivCode())) {
                    problems.add(Problem.of(ControlCodes.OUT_OF_SCOPE, "AdmDivCode " + body.admDivCode()
                            + " is outside the scope of " + who.name(), at));
                } else if (!scope.all() && !scope.agencyCodes().isEmpty()
                        && !scope.allows(body.admDivCode(), agency(body))) {
                    problems.add(Problem.of(ControlCodes.OUT_OF_SCOPE, "AgencyCode " + agency(body)
                            + " is outside the scope of " + who.name(), body.location() + " / AgencyCode"));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException unreadable) {
            // FormatException and the like: the intake answers it with its code
            return;
        }
        if (!problems.isEmpty()) {
            throw new ControlException(ControlException.Kind.FORBIDDEN, problems);
        }
    }

    /** Refuses the receipt of a voucher outside the scope (by its division, and its agency once known). */
    public void requireVoucher(Actor who, String admDivCode, String stYear, String vtCode, String voucherNo) {
        DataScope scope = who.scope();
        if (scope.all()) {
            return;
        }
        String key = admDivCode + "/" + stYear + "/" + vtCode + "/" + voucherNo;
        Optional<String> agency = reads.voucherAgency(admDivCode, stYear, vtCode, voucherNo);
        boolean inside = agency.map(a -> scope.allows(admDivCode, a)).orElseGet(() -> scope.coversDivision(admDivCode));
        if (!inside) {
            throw outside("voucher " + key + " is outside the scope of " + who.name(), "voucher " + key);
        }
    }

    /** Refuses what belongs to {@code agencyCode} of {@code admDivCode} (a payroll run) outside the scope. */
    public void requireAgency(Actor who, String admDivCode, String agencyCode, String location) {
        if (!who.scope().allows(admDivCode, agencyCode)) {
            throw outside("agency " + agencyCode + " of division " + admDivCode + " is outside the scope of "
                    + who.name(), location);
        }
    }

    /** Refuses a delivery unless all of its payments are inside the scope. */
    public void requireDelivery(Actor who, String deliveryId) {
        if (!reads.deliveryWithin(who.scope(), deliveryId)) {
            throw outside("delivery " + deliveryId + " carries payments outside the scope of " + who.name(),
                    "delivery " + deliveryId);
        }
    }

    private static String agency(VoucherBody body) {
        Matcher m = AGENCY.matcher(new String(body.voucherXml(), StandardCharsets.ISO_8859_1));
        return m.find() ? m.group(1) : null;
    }

    private static ControlException outside(String message, String location) {
        return new ControlException(ControlException.Kind.FORBIDDEN, ControlCodes.OUT_OF_SCOPE, message, location);
    }
}
