package org.jincai.server.api;

import java.util.List;
import org.jincai.core.alert.Alert;
import org.jincai.core.alert.AlertService;
import org.jincai.core.approval.ApprovalService;
import org.jincai.core.approval.ApprovalView;
import org.jincai.server.controls.ControlUsers;
import org.jincai.server.query.ApprovalRow;
import org.jincai.server.query.ControlQueries;
import org.jincai.server.query.Filters;
import org.jincai.server.query.Page;
import org.jincai.server.query.PageRequest;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The approval workflow (docs/budget.md). {@code GET /api/v1/approvals}: the vouchers waiting for the caller — the
 * level waiting needs a role they hold, inside their scope, not submitted by them, no other level of the chain
 * decided by them (one page: {@code ?page=&size=}). {@code GET /api/v1/approvals/chains?status=&agency=&voucherNo=
 * &submitter=&from=&to=&page=&size=}: every chain inside the caller's scope whatever its status, newest first, for
 * operators, approvers and auditors. {@code GET /api/v1/approvals/{id}}: one chain with its levels and the alerts about its voucher.
 * {@code POST /api/v1/approvals/{id}/approve} (an optional {@code {"comment"}}) and
 * {@code POST /api/v1/approvals/{id}/reject} ({@code {"reason"}} required): decide the level waiting; a rejection
 * ends the chain, releases the budget and returns the voucher upstream with the reason.
 */
@RestController
@RequestMapping("/api/v1/approvals")
public class ApprovalController {

    private final ApprovalService approvals;
    private final AlertService alerts;
    private final ControlUsers users;
    private final ControlQueries queries;

    public ApprovalController(ApprovalService approvals, AlertService alerts, ControlUsers users,
                              ControlQueries queries) {
        this.approvals = approvals;
        this.queries = queries;
        this.alerts = alerts;
        this.users = users;
    }

    /** A decision's text: a comment on an approval, the reason of a rejection. */
    public record Decision(String comment, String reason) {
    }

    /** One chain and the alerts raised about its voucher (why it may be held). */
    public record ApprovalDetail(ApprovalView approval, List<Alert> alerts) {
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public Page<ApprovalView> pending(Authentication user, @RequestParam(required = false) String page,
                                      @RequestParam(required = false) String size) {
        PageRequest request = PageRequest.parse(page, size);
        return queries.queue(users.rest(user), request);
    }

    @GetMapping(path = "/chains", produces = MediaType.APPLICATION_JSON_VALUE)
    public Page<ApprovalRow> chains(Authentication user, @RequestParam(required = false) String status,
                                    @RequestParam(required = false) String agency,
                                    @RequestParam(required = false) String voucherNo,
                                    @RequestParam(required = false) String submitter,
                                    @RequestParam(required = false) String from,
                                    @RequestParam(required = false) String to,
                                    @RequestParam(required = false) String page,
                                    @RequestParam(required = false) String size) {
        PageRequest request = PageRequest.parse(page, size);
        return queries.approvals(users.scope(user), new ControlQueries.ApprovalFilter(status, Filters.text(agency),
                Filters.text(voucherNo), Filters.text(submitter), Filters.date(from, "from"), Filters.date(to, "to")),
                request);
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ApprovalDetail one(@PathVariable String id, Authentication user) {
        ApprovalView a = approvals.find(id, users.rest(user));
        return new ApprovalDetail(a, alerts.forVoucher(a.voucherId()));
    }

    @PostMapping(path = "/{id}/approve", produces = MediaType.APPLICATION_JSON_VALUE)
    public ApprovalView approve(@PathVariable String id, Authentication user,
                                @RequestBody(required = false) Decision decision) {
        return approvals.approve(id, users.rest(user), decision == null ? null : decision.comment());
    }

    @PostMapping(path = "/{id}/reject", produces = MediaType.APPLICATION_JSON_VALUE)
    public ApprovalView reject(@PathVariable String id, Authentication user,
                               @RequestBody(required = false) Decision decision) {
        return approvals.reject(id, users.rest(user), decision == null ? null : decision.reason());
    }
}
