package org.jincai.core.reconcile;

/**
 * What reconciling one statement did.
 *
 * @param alreadyImported the statement was taken before (same account, id, sequence and digest): nothing counted
 * @param entries         booked entries looked at
 * @param matched         payments matched (booked) by this statement's entries
 * @param returned        payments moved to RETURNED
 * @param exceptions      exceptions opened (new ones only)
 */
public record StatementOutcome(boolean alreadyImported, int entries, int matched, int returned, int exceptions) {

    static StatementOutcome skipped(int exceptions) {
        return new StatementOutcome(true, 0, 0, 0, exceptions);
    }
}
