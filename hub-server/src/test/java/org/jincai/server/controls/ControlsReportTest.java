package org.jincai.server.controls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.jincai.core.approval.ApprovalRules;
import org.jincai.core.testing.CoreFixture;
import org.jincai.server.config.HubProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up report names the approval roles no configured user holds: vouchers needing them would wait. */
class ControlsReportTest {

    @TempDir
    Path home;

    @Test
    void theRolesNobodyHoldsAreTheOnesToWarnOf() {
        try (CoreFixture core = new CoreFixture(home, Clock.systemUTC(), CoreFixture.Controls.defaults())) {
            HubProperties props = new HubProperties(home, List.of(), List.of(), null, List.of(
                    new HubProperties.User("zhang", null, List.of("APPROVER", ApprovalRules.DEPARTMENT_HEAD)),
                    new HubProperties.User("wang", null, List.of("APPROVER", ApprovalRules.FINANCE_CHIEF))), null);

            ControlsReport report = new ControlsReport(core.controls, core.budget, ApprovalRules.defaults(), core.risk,
                    props);

            assertThat(report.unheldRoles()).containsExactlyInAnyOrder(ApprovalRules.DIVISION_LEADER,
                    ApprovalRules.BUREAU_LEADER, "RISK_OFFICER");
            assertThat(new ControlsReport(core.controls, core.budget, ApprovalRules.off(), core.risk, props).unheldRoles())
                    .as("no chain, nobody needed").isEmpty();
        }
    }
}
