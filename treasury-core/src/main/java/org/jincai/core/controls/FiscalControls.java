package org.jincai.core.controls;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jincai.core.alert.AlertService;
import org.jincai.core.alert.NewAlert;
import org.jincai.core.approval.ApprovalRule;
import org.jincai.core.approval.ApprovalRules;
import org.jincai.core.approval.ApprovalService;
import org.jincai.core.approval.VoucherFacts;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.audit.AuditTrail;
import org.jincai.core.budget.BudgetControl;
import org.jincai.core.budget.BudgetSubject;
import org.jincai.core.budget.PlanKey;
import org.jincai.core.payment.BudgetClassification;
import org.jincai.core.payment.PaymentLifecycle;
import org.jincai.core.payment.PaymentStatus;
import org.jincai.core.risk.RiskOptions;
import org.jincai.core.risk.RiskService;
import org.jincai.formats.fiscal.PaymentVoucher;
import org.jincai.formats.fiscal.VoucherDetail;

/**
 * The controls a voucher passes at intake, in its transaction, once its payments are stored VALIDATED: budget
 * control reserves every payment (VALIDATED → RESERVED) or refuses the voucher whole; the payments wait for
 * approval (→ PENDING_APPROVAL); the risk rules run and raise their alerts (with the budget's warnings); the
 * approval rules pick the chain from the voucher's fund use and amount, one level more when a risk rule holds it.
 * A voucher that needs nobody's approval — its rule's chain is empty, or approval control is off, and no risk rule
 * holds it — is APPROVED at once, its events saying why; a hold is one more level even with approval control off. A refusal is a {@link ControlException} that rolls the
 * voucher's transaction back: nothing of it is stored, and it is answered like any refused voucher.
 */
public class FiscalControls {

    public static final String GOV_PROCUREMENT_ID = "GovProcurementID";
    /** The hub's name in the trail for what the controls decide. */
    public static final String SYSTEM = "system:controls";
    /** The rule of every voucher while approval control is off: no level, only a risk rule's hold if any. */
    static final ApprovalRule APPROVAL_OFF = new ApprovalRule("approval-control-off", null, null, null, List.of(),
            false);

    private final BudgetControl budget;
    private final RiskService risk;
    private final ApprovalRules rules;
    private final ApprovalService approvals;
    private final AlertService alerts;
    private final PaymentLifecycle lifecycle;
    private final AuditTrail audit;

    public FiscalControls(BudgetControl budget, RiskService risk, ApprovalRules rules, ApprovalService approvals,
                          AlertService alerts, PaymentLifecycle lifecycle, AuditTrail audit) {
        this.budget = budget;
        this.risk = risk;
        this.rules = rules;
        this.approvals = approvals;
        this.alerts = alerts;
        this.lifecycle = lifecycle;
        this.audit = audit;
    }

    /**
     * The voucher under control: as read, its id once stored, the Beijing day the hub received it, who submitted
     * it (never its approver), through which channel, and where it sits in its envelope.
     */
    public record Intake(String voucherId, PaymentVoucher voucher, LocalDate receivedOn, String submitter,
                         AuditEntry.Channel channel, String location) {
    }

    /** One stored payment of the voucher. */
    public record Stored(String paymentId, BudgetClassification classification, String payeeAcctNo, String payeeName,
                         BigDecimal amount, String location) {
    }

    /** Where the voucher stands after its controls: APPROVED, or PENDING_APPROVAL on the approval named. */
    public record Outcome(PaymentStatus status, String approvalId, List<String> alertIds) {
    }

    /** Runs the controls inside the caller's transaction; a refusal throws {@link ControlException}. */
    public Outcome apply(Intake in, List<Stored> payments) {
        PaymentVoucher v = in.voucher();
        List<String> ids = payments.stream().map(Stored::paymentId).toList();
        List<BudgetControl.Need> needs = payments.stream().map(p -> new BudgetControl.Need(p.paymentId(),
                subject(v, p.classification()), plan(v, p.classification()), p.amount(), p.location())).toList();
        BudgetControl.Reserved reserved = budget.reserve(in.voucherId(), v.voucherNo(), needs, SYSTEM, in.channel());
        lifecycle.move(ids, PaymentStatus.VALIDATED, PaymentStatus.RESERVED, SYSTEM, reserved.summary());

        List<NewAlert> hits = new ArrayList<>(reserved.warnings());
        hits.addAll(risk.evaluate(new RiskService.Voucher(in.voucherId(), v.voucherNo(), v.admDivCode(),
                v.agencyCode(), v.payAcctNo(), in.receivedOn(), payments.stream().map(p -> new RiskService.Credit(
                        p.paymentId(), p.payeeAcctNo(), p.payeeName(), p.amount(), p.location())).toList()),
                rules.thresholds()));
        List<String> alertIds = alerts.raise(hits, SYSTEM, in.channel());
        List<String> holds = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            if (hits.get(i).hold()) {
                holds.add(hits.get(i).rule() + " (alert " + alertIds.get(i) + ")");
            }
        }

        VoucherFacts facts = facts(v);
        String fundUse = rules.fundUseOf(facts);
        // with approval control off no rule asks for a level, but a risk rule's hold still holds
        ApprovalRule rule = !rules.enabled() ? APPROVAL_OFF : rules.ruleFor(fundUse, facts.amount())
                .orElseThrow(() -> new ControlException(ControlException.Kind.INVALID,
                        ApprovalRules.APPROVAL_RULE_NOT_FOUND, "no approval rule for " + fundUse + " vouchers of "
                        + facts.amount() + " CNY: the hub takes no voucher nobody may approve", in.location()));
        if (rule.levels().isEmpty() && holds.isEmpty()) {
            lifecycle.move(ids, PaymentStatus.RESERVED, PaymentStatus.PENDING_APPROVAL, SYSTEM,
                    rule == APPROVAL_OFF ? "approval control off" : "rule " + rule.name());
            lifecycle.move(ids, PaymentStatus.PENDING_APPROVAL, PaymentStatus.APPROVED, SYSTEM,
                    rule == APPROVAL_OFF ? "approval control off: approved by the hub without a chain"
                            : "approval rule " + rule.name() + " asks for no approver");
            received(in, payments.size());
            audit.append(AuditEntry.of(SYSTEM, in.channel(), "APPROVAL_NOT_REQUIRED", "VOUCHER", in.voucherId())
                    .change(PaymentStatus.RESERVED.name(), PaymentStatus.APPROVED.name())
                    .because("voucher " + v.voucherNo() + ", fund use " + fundUse + ", rule " + rule.name()));
            return new Outcome(PaymentStatus.APPROVED, null, alertIds);
        }
        received(in, payments.size());
        String approvalId = approvals.open(new ApprovalService.Opening(in.voucherId(), v.voucherNo(), v.admDivCode(),
                        v.agencyCode(), v.payAmt(), fundUse, rule, risk.options().holdRole(), holds, in.submitter()),
                SYSTEM, in.channel());
        lifecycle.move(ids, PaymentStatus.RESERVED, PaymentStatus.PENDING_APPROVAL, SYSTEM, "awaiting approval "
                + approvalId + ": rule " + rule.name() + ", " + (rule.levels().size() + (holds.isEmpty() ? 0 : 1))
                + " level(s)" + (holds.isEmpty() ? "" : ", held by " + String.join("; ", holds)));
        return new Outcome(PaymentStatus.PENDING_APPROVAL, approvalId, alertIds);
    }

    /**
     * Who submitted the voucher, through which channel: kept with it, or rolled back with it when a control refuses.
     * Appended last, as every record of the intake, so that the trail's head is held for the end of the transaction
     * only (it serialises every append).
     */
    private void received(Intake in, int payments) {
        PaymentVoucher v = in.voucher();
        audit.append(AuditEntry.of(in.submitter(), in.channel(), "VOUCHER_RECEIVED", "VOUCHER", in.voucherId())
                .change(null, PaymentStatus.RECEIVED.name())
                .because("voucher " + v.admDivCode() + "/" + v.stYear() + "/" + v.vtCode() + "/" + v.voucherNo() + ", "
                        + payments + " payment(s), " + v.payAmt() + " CNY"));
    }

    private static BudgetSubject subject(PaymentVoucher v, BudgetClassification c) {
        return new BudgetSubject(v.admDivCode(), v.stYear(), c.agencyCode(), c.expFuncCode(), c.govExpEcoCode(),
                c.fundTypeCode(), c.depProCode());
    }

    private static PlanKey plan(PaymentVoucher v, BudgetClassification c) {
        return new PlanKey(v.admDivCode(), v.stYear(), v.vouDate().getMonthValue(), c.agencyCode(), c.fundTypeCode());
    }

    /** The budget classification of one credit: the detail's codes, the header's where the detail has none. */
    public static BudgetClassification classification(PaymentVoucher v, VoucherDetail d) {
        if (d == null) {
            return new BudgetClassification(v.agencyCode(), v.expFuncCode(), v.govExpEcoCode(), v.depExpEcoCode(),
                    v.fundTypeCode(), v.proCatCode(), v.depProCode());
        }
        return new BudgetClassification(or(d.agencyCode(), v.agencyCode()), or(d.expFuncCode(), v.expFuncCode()),
                or(d.govExpEcoCode(), v.govExpEcoCode()), or(d.depExpEcoCode(), v.depExpEcoCode()),
                or(d.fundTypeCode(), v.fundTypeCode()), or(d.proCatCode(), v.proCatCode()),
                or(d.depProCode(), v.depProCode()));
    }

    private static String or(String detail, String header) {
        return detail == null || detail.isBlank() ? header : detail;
    }

    /** BusinessTypeCode; ProCatCode of the header, else the one every detail shares; GovProcurementID; PayAmt. */
    static VoucherFacts facts(PaymentVoucher v) {
        String proCat = v.proCatCode();
        if (proCat == null || proCat.isBlank()) {
            List<String> details = v.details().stream().map(VoucherDetail::proCatCode).distinct().toList();
            proCat = details.size() == 1 ? details.get(0) : null;
        }
        String procurement = v.otherFields().get(GOV_PROCUREMENT_ID);
        return new VoucherFacts(v.businessTypeCode(), proCat, procurement != null && !procurement.isBlank(),
                Objects.requireNonNull(v.payAmt(), "PayAmt"));
    }

    /** Read by the start-up report: which controls run. */
    public String describe() {
        RiskOptions r = risk.options();
        return "budget control " + (budget.options().enabled() ? "on" + (budget.options().planControl()
                ? " (indicators and monthly plans)" : " (indicators)") : "OFF") + ", approval rules "
                + (rules.enabled() ? "on (" + rules.rules().size() + " rules)" : "OFF") + ", risk rules "
                + (r.enabled() ? "on" : "OFF");
    }
}
