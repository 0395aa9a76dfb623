package org.jincai.core.audit;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/** H2's half of the append-only rule (migration {@code h2/V7_1}): any update or delete of an audit record fails. */
public class AppendOnlyTrigger implements Trigger {

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("AUDIT_APPEND_ONLY: the audit trail is append-only", "42501");
    }
}
