package org.jincai.server.api;

import java.util.List;
import org.jincai.core.audit.AuditRecord;
import org.jincai.core.audit.AuditTrail;
import org.jincai.core.audit.AuditVerifier;
import org.jincai.server.controls.ControlUsers;
import org.jincai.server.controls.ScopeGuard;
import org.springframework.security.core.Authentication;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail for auditors: {@code GET /api/v1/audit} the latest records (of one object with
 * {@code objectType} and {@code objectId}), {@code GET /api/v1/audit/verification} the check of the whole
 * hash chain (against the hash an auditor kept, with {@code expectHead}). A reader with part of the hub in scope sees
 * the records about the objects inside it; the chain's check spans the hub and needs a scope of everything.
 */
@RestController
@RequestMapping("/api/v1/audit")
public class AuditController {

    static final int MAX_LIMIT = 1000;

    private final AuditTrail trail;
    private final AuditVerifier verifier;

    private final ControlUsers users;
    private final ScopeGuard scope;

    public AuditController(AuditTrail trail, AuditVerifier verifier, ControlUsers users, ScopeGuard scope) {
        this.trail = trail;
        this.verifier = verifier;
        this.users = users;
        this.scope = scope;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public List<AuditRecord> records(@RequestParam(required = false) String objectType,
                                     @RequestParam(required = false) String objectId,
                                     @RequestParam(defaultValue = "100") int limit, Authentication user) {
        return trail.recent(users.rest(user).scope(), objectType, objectId, Math.max(1, Math.min(limit, MAX_LIMIT)));
    }

    @GetMapping(path = "/verification", produces = MediaType.APPLICATION_JSON_VALUE)
    public AuditVerifier.Result verification(@RequestParam(required = false) String expectHead, Authentication user) {
        scope.requireEverything(users.rest(user), "the audit chain's check");
        return verifier.verify(expectHead);
    }
}
