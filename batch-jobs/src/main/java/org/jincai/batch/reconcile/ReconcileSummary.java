package org.jincai.batch.reconcile;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a run of {@code reconcile} did, from the database (so a restarted run reports what all its attempts did).
 *
 * @param statementsRead   statements read from the files (in range)
 * @param alreadyImported  of those, the ones taken before: nothing counted twice
 * @param entries          booked entries of the statements taken
 * @param matchedByRule    payments booked by the entries, per rule
 * @param returned         payments moved to RETURNED (returns and reversals)
 * @param exceptionsByKind exceptions the run opened, per kind
 * @param csv              the run's reconciliation.csv
 */
public record ReconcileSummary(String runId, String bankCode, String status, long statementsRead,
                               long alreadyImported, long entries, Map<String, Long> matchedByRule, long returned,
                               Map<String, Long> exceptionsByKind, long returnsSent, Path csv) {

    public long matched() {
        return matchedByRule.values().stream().mapToLong(Long::longValue).sum();
    }

    public long exceptions() {
        return exceptionsByKind.values().stream().mapToLong(Long::longValue).sum();
    }
}
