package org.jincai.server.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.camel.ProducerTemplate;
import org.jincai.core.Ids;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.audit.AuditTrail;
import org.jincai.core.release.ReleaseResult;
import org.jincai.routes.RouteIds;
import org.jincai.server.controls.ControlUsers;
import org.jincai.server.controls.ScopeGuard;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/releases}: an operator releases every approved payment to the banks now — grouped,
 * split by the banks' limits, rendered and staged for upload (the upload routes take them from there).
 * Answers with the files staged and the groups that could not be rendered, with their codes. A release spans the
 * hub: it needs a scope of everything. Each release is recorded in the audit trail with the operator and its files.
 */
@RestController
@RequestMapping("/api/v1/releases")
public class ReleaseController {

    private final ProducerTemplate producer;

    private final ControlUsers users;
    private final ScopeGuard scope;

    private final AuditTrail audit;

    public ReleaseController(ProducerTemplate producer, ControlUsers users, ScopeGuard scope, AuditTrail audit) {
        this.producer = producer;
        this.audit = audit;
        this.users = users;
        this.scope = scope;
    }

    /** One staged bank file. */
    public record StagedView(String bank, String fileName, String messageId, int transactions, BigDecimal totalAmount) {
    }

    /** The release's answer. */
    public record ReleaseView(List<StagedView> files, List<IntakeResponse.ProblemView> failures) {
    }

    @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public ReleaseView release(Authentication user) {
        return release(user, AuditEntry.Channel.REST);
    }

    /** Releases for {@code user}, audited {@code RELEASE_REQUESTED} under {@code channel} (REST, or the console's). */
    public ReleaseView release(Authentication user, AuditEntry.Channel channel) {
        scope.requireEverything(users.rest(user), "a release");
        ReleaseResult result = ApiErrors.unwrap(() -> producer.requestBodyAndHeader(RouteIds.BANK_RELEASE_ENDPOINT, null,
                RouteIds.HEADER_ACTOR, user.getName(), ReleaseResult.class));
        audit.append(AuditEntry.of(user.getName(), channel, "RELEASE_REQUESTED", "RELEASE", Ids.newId())
                .change(null, result.staged().size() + " file(s): " + result.staged().stream().map(f -> f.deliveryId())
                        .collect(Collectors.joining(", ")))
                .because(result.failures().isEmpty() ? null : result.failures().size() + " group(s) not rendered"));
        return new ReleaseView(result.staged().stream().map(f -> new StagedView(f.bankCode(), f.fileName(),
                f.messageId(), f.transactions(), f.totalAmount())).toList(),
                result.failures().stream().map(IntakeResponse.ProblemView::of).toList());
    }
}
