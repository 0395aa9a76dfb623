package org.jincai.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import org.jincai.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * The hub's migrations 13 and 13.1 create Quartz's job store and the calendar tables, and 45 the scheduler's two row
 * locks (H2, or PostgreSQL in CI).
 */
class QuartzSchemaTest {

    @Test
    void theMigrationsCreateTheJobStoreAndTheCalendar() {
        try (TestDatabase db = TestDatabase.create()) {
            for (String table : new String[] {"QRTZ_JOB_DETAILS", "QRTZ_TRIGGERS", "QRTZ_SIMPLE_TRIGGERS",
                    "QRTZ_CRON_TRIGGERS", "QRTZ_FIRED_TRIGGERS", "QRTZ_SCHEDULER_STATE",
                    "QRTZ_PAUSED_TRIGGER_GRPS", "QRTZ_CALENDARS", "QRTZ_BLOB_TRIGGERS", "QRTZ_SIMPROP_TRIGGERS"}) {
                assertThat(db.count("SELECT COUNT(*) FROM " + table)).as(table).isZero();
            }
            assertThat(db.jdbc().getJdbcTemplate().queryForList("SELECT SCHED_NAME || ' ' || LOCK_NAME FROM QRTZ_LOCKS"
                    + " ORDER BY LOCK_NAME", String.class))
                    .containsExactly(SchedulerConfiguration.SCHEDULER_NAME + " STATE_ACCESS",
                            SchedulerConfiguration.SCHEDULER_NAME + " TRIGGER_ACCESS");
            assertThat(db.count("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" IN ('13', '13.1')"))
                    .isEqualTo(2);
            assertThat(db.count("SELECT COUNT(*) FROM bank_calendar_year")).isEqualTo(2);
        }
    }
}
