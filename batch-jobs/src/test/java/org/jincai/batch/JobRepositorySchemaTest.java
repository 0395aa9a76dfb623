package org.jincai.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.jincai.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** The hub's migrations create Spring Batch's JobRepository tables on H2, or PostgreSQL with JINCAI_TEST_DB=postgres. */
class JobRepositorySchemaTest {

    @Test
    void theMigrationsCreateTheJobRepository() {
        try (TestDatabase db = TestDatabase.create()) {
            for (String table : new String[] {"BATCH_JOB_INSTANCE", "BATCH_JOB_EXECUTION", "BATCH_JOB_EXECUTION_PARAMS",
                    "BATCH_STEP_EXECUTION", "BATCH_STEP_EXECUTION_CONTEXT", "BATCH_JOB_EXECUTION_CONTEXT"}) {
                assertThat(db.count("SELECT COUNT(*) FROM " + table)).as(table).isZero();
            }
            assertThat(db.count("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '10'"))
                    .as("applied as the hub's migration 10").isEqualTo(1);
        }
    }
}
