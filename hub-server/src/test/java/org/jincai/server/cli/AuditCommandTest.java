package org.jincai.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.audit.AuditTrail;
import org.jincai.core.audit.AuditVerifier;
import org.jincai.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** {@code audit verify} and {@code audit list} on a real database. */
class AuditCommandTest {

    TestDatabase db;
    AuditTrail trail;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    AuditCommand command;

    @BeforeEach
    void open() {
        db = TestDatabase.create();
        trail = new AuditTrail(db.jdbc(), db.tx(), Clock.systemUTC());
        command = new AuditCommand(trail, new AuditVerifier(db.jdbc(), new DataSourceTransactionManager(db.dataSource())),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        for (int i = 1; i <= 3; i++) {
            trail.append(AuditEntry.of("operator", AuditEntry.Channel.CLI, "DELIVERY_CONFIRMED", "delivery", "D" + i)
                    .change("DELIVERY_UNCERTAIN", "UPLOADED").because("ticket " + i));
        }
    }

    @AfterEach
    void close() {
        db.close();
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anIntactTrailExitsZeroWithItsLastHash() {
        assertThat(command.run(AuditCommand.parse(List.of("verify")))).isZero();
        assertThat(printed()).containsPattern("audit trail intact: 3 record\\(s\\), last hash [0-9a-f]{64}");
    }

    @Test
    void aTamperedTrailExitsOneNamingTheRecord() {
        db.jdbc().getJdbcTemplate().execute("DROP TRIGGER audit_record_append_only"
                + ("postgres".equals(db.vendor()) ? " ON audit_record" : ""));
        db.jdbc().getJdbcTemplate().update("UPDATE audit_record SET actor = 'someone' WHERE seq = 2");

        assertThat(command.run(AuditCommand.parse(List.of("verify")))).isEqualTo(1);
        assertThat(printed()).contains("AUDIT TRAIL NOT INTACT: AUDIT_RECORD_ALTERED at record 2");
    }

    @Test
    void listPrintsTheLatestRecordsOfAnObject() {
        assertThat(command.run(AuditCommand.parse(List.of("list", "--object", "delivery", "D2")))).isZero();
        assertThat(printed()).contains("DELIVERY_CONFIRMED").contains("delivery D2")
                .contains("[DELIVERY_UNCERTAIN -> UPLOADED]").contains("\"ticket 2\"").doesNotContain("D1");
    }

    @Test
    void badArgumentsAreAUsageError() {
        assertThatThrownBy(() -> AuditCommand.parse(List.of("erase"))).isInstanceOf(CliArguments.UsageException.class);
        assertThatThrownBy(() -> AuditCommand.parse(List.of("list", "--limit", "x")))
                .isInstanceOf(CliArguments.UsageException.class);
    }
}
