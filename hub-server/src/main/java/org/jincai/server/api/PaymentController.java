package org.jincai.server.api;

import org.jincai.server.controls.ControlUsers;
import org.jincai.server.query.Filters;
import org.jincai.server.query.Page;
import org.jincai.server.query.PageRequest;
import org.jincai.server.query.PaymentQueries;
import org.jincai.server.query.PaymentRow;
import org.jincai.server.query.PaymentTimeline;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Payments for operators, approvers and auditors (docs/operations.md, "Read API"), inside the caller's data scope.
 * {@code GET /api/v1/payments?status=&bank=&agency=&voucherNo=&voucherId=&batchId=&deliveryId=&payeeAcctNo=&from=&to=
 * &page=&size=}: newest first, one page; {@code GET /api/v1/payments/{id}}: one payment;
 * {@code GET /api/v1/payments/{id}/timeline}: everything that touched it, oldest first — lifecycle events, the bank
 * file and its transitions, the bank's answers, statement lines, reconciliation, alerts, the receipt upstream.
 * 404 {@code PAYMENT_NOT_FOUND} for a payment never taken in, 403 {@code OUT_OF_SCOPE} for one outside the scope.
 */
@RestController
@RequestMapping("/api/v1/payments")
public class PaymentController {

    private final PaymentQueries payments;
    private final ControlUsers users;

    public PaymentController(PaymentQueries payments, ControlUsers users) {
        this.payments = payments;
        this.users = users;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public Page<PaymentRow> list(Authentication user, @RequestParam(required = false) String status,
                                 @RequestParam(required = false) String bank,
                                 @RequestParam(required = false) String agency,
                                 @RequestParam(required = false) String voucherNo,
                                 @RequestParam(required = false) String voucherId,
                                 @RequestParam(required = false) String batchId,
                                 @RequestParam(required = false) String deliveryId,
                                 @RequestParam(required = false) String payeeAcctNo,
                                 @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                 @RequestParam(required = false) String page,
                                 @RequestParam(required = false) String size) {
        PageRequest request = PageRequest.parse(page, size);
        return payments.payments(users.scope(user), new PaymentQueries.PaymentFilter(status, Filters.text(bank),
                Filters.text(agency), Filters.text(voucherNo), Filters.text(voucherId), Filters.text(batchId),
                Filters.text(deliveryId), Filters.text(payeeAcctNo), Filters.date(from, "from"),
                Filters.date(to, "to")), request);
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public PaymentRow one(@PathVariable String id, Authentication user) {
        return payments.payment(users.scope(user), id);
    }

    @GetMapping(path = "/{id}/timeline", produces = MediaType.APPLICATION_JSON_VALUE)
    public PaymentTimeline timeline(@PathVariable String id, Authentication user) {
        return payments.timeline(users.scope(user), id);
    }
}
