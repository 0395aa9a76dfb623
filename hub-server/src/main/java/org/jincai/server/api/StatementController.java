package org.jincai.server.api;

import org.jincai.core.answer.StatementQueries;
import org.jincai.formats.FormatException;
import org.jincai.server.controls.ControlUsers;
import org.jincai.server.controls.ScopeGuard;
import org.springframework.security.core.Authentication;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/statements?bank=CODE&pending=true&limit=N}: for operators and auditors, the statement lines
 * the banks sent (newest first) with their status (BOOK, PDNG, INFO), the payment each booked or names and its
 * status now, and why a line paid nothing; {@code pending=true} keeps the lines not booked that no later file
 * has booked since. With them, the warnings kept with the statements. A limit outside 1 to 10,000 is
 * {@code LIMIT_INVALID}. A reader with part of the hub in scope sees the lines of its payments, without the files'
 * warnings.
 */
@RestController
@RequestMapping("/api/v1/statements")
public class StatementController {

    private final StatementQueries statements;

    private final ControlUsers users;
    private final ScopeGuard scope;

    public StatementController(StatementQueries statements, ControlUsers users, ScopeGuard scope) {
        this.statements = statements;
        this.users = users;
        this.scope = scope;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public StatementQueries.Listing list(@RequestParam(required = false) String bank,
                                         @RequestParam(defaultValue = "false") boolean pending,
                                         @RequestParam(defaultValue = "500") int limit, Authentication user) {
        if (limit < 1 || limit > StatementQueries.MAX_LIMIT) {
            throw new FormatException("LIMIT_INVALID", "limit must be 1 to " + StatementQueries.MAX_LIMIT, "limit");
        }
        return scope.statements(users.rest(user), statements.list(bank == null || bank.isBlank() ? null : bank, pending,
                limit));
    }
}
