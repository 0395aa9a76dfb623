package org.jincai.server.api;

import org.jincai.core.answer.StatementQueries;
import org.jincai.server.controls.ControlUsers;
import org.jincai.server.query.BankFileQueries;
import org.jincai.server.query.Filters;
import org.jincai.server.query.Page;
import org.jincai.server.query.PageRequest;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/statements?bank=&status=&pending=&paymentId=&fileName=&from=&to=&page=&size=}: for operators and
 * auditors, the statement lines the banks sent (newest first, one page) with their status (BOOK, PDNG, INFO), the
 * payment each booked or names and its status now, and why a line paid nothing; {@code pending=true} keeps the lines
 * not booked that no later file has booked since; dates are booking dates. A reader with part of the hub in scope
 * sees the lines of its payments. {@code GET /api/v1/statements/warnings?bank=&page=&size=}: the warnings kept with
 * the statement files, for a scope of everything.
 */
@RestController
@RequestMapping("/api/v1/statements")
public class StatementController {

    private final BankFileQueries files;
    private final ControlUsers users;

    public StatementController(BankFileQueries files, ControlUsers users) {
        this.files = files;
        this.users = users;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public Page<StatementQueries.Line> list(Authentication user, @RequestParam(required = false) String bank,
                                            @RequestParam(required = false) String status,
                                            @RequestParam(required = false) String pending,
                                            @RequestParam(required = false) String paymentId,
                                            @RequestParam(required = false) String fileName,
                                            @RequestParam(required = false) String from,
                                            @RequestParam(required = false) String to,
                                            @RequestParam(required = false) String page,
                                            @RequestParam(required = false) String size) {
        PageRequest request = PageRequest.parse(page, size);
        return files.lines(users.scope(user), new BankFileQueries.LineFilter(Filters.text(bank), status,
                Boolean.TRUE.equals(Filters.bool(pending, "pending")),
                Filters.text(paymentId), Filters.text(fileName), Filters.date(from, "from"), Filters.date(to, "to")),
                request);
    }

    @GetMapping(path = "/warnings", produces = MediaType.APPLICATION_JSON_VALUE)
    public Page<StatementQueries.Warning> warnings(Authentication user, @RequestParam(required = false) String bank,
                                                   @RequestParam(required = false) String page,
                                                   @RequestParam(required = false) String size) {
        PageRequest request = PageRequest.parse(page, size);
        return files.warnings(users.scope(user), Filters.text(bank), request);
    }
}
