package org.jincai.server.api;

import org.jincai.server.controls.ControlUsers;
import org.jincai.server.query.AnswerRow;
import org.jincai.server.query.BankFileQueries;
import org.jincai.server.query.BatchRow;
import org.jincai.server.query.Filters;
import org.jincai.server.query.Page;
import org.jincai.server.query.PageRequest;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Payment batches and the banks' answer files, for operators and auditors (docs/operations.md, "Read API"), inside
 * the caller's data scope (a batch or an answer is inside when every payment it carries or answers is).
 * {@code GET /api/v1/batches?bank=&payAcctNo=&from=&to=&page=&size=} (dates: execution date) and
 * {@code GET /api/v1/batches/{id}} (404 {@code BATCH_NOT_FOUND}, 403 {@code OUT_OF_SCOPE}); the batch's files are
 * {@code GET /api/v1/deliveries?batchId=}, its payments {@code GET /api/v1/payments?batchId=}.
 * {@code GET /api/v1/bank-answers?bank=&deliveryId=&fileName=&from=&to=&page=&size=}: the pain.002 and return files
 * applied, newest first, each with the file it answers.
 */
@RestController
public class BatchController {

    private final BankFileQueries files;
    private final ControlUsers users;

    public BatchController(BankFileQueries files, ControlUsers users) {
        this.files = files;
        this.users = users;
    }

    @GetMapping(path = "/api/v1/batches", produces = MediaType.APPLICATION_JSON_VALUE)
    public Page<BatchRow> batches(Authentication user, @RequestParam(required = false) String bank,
                                  @RequestParam(required = false) String payAcctNo,
                                  @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                  @RequestParam(required = false) String page,
                                  @RequestParam(required = false) String size) {
        PageRequest request = PageRequest.parse(page, size);
        return files.batches(users.scope(user), new BankFileQueries.BatchFilter(Filters.text(bank),
                Filters.text(payAcctNo), Filters.date(from, "from"), Filters.date(to, "to")), request);
    }

    @GetMapping(path = "/api/v1/batches/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public BatchRow batch(@PathVariable String id, Authentication user) {
        return files.batch(users.scope(user), id);
    }

    @GetMapping(path = "/api/v1/bank-answers", produces = MediaType.APPLICATION_JSON_VALUE)
    public Page<AnswerRow> answers(Authentication user, @RequestParam(required = false) String bank,
                                   @RequestParam(required = false) String deliveryId,
                                   @RequestParam(required = false) String fileName,
                                   @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                   @RequestParam(required = false) String page,
                                   @RequestParam(required = false) String size) {
        PageRequest request = PageRequest.parse(page, size);
        return files.answers(users.scope(user), new BankFileQueries.AnswerFilter(Filters.text(bank),
                Filters.text(deliveryId), Filters.text(fileName), Filters.date(from, "from"), Filters.date(to, "to")),
                request);
    }
}
