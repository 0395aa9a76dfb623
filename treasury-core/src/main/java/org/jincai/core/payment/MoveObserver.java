package org.jincai.core.payment;

import java.util.List;

/**
 * Told of every batch of moves {@link PaymentLifecycle} applies, inside the same transaction, after the
 * payments moved: what must change together with a payment's state (its budget reservation released when it
 * is cancelled or rejected, spent when it is paid) changes in the same commit, or not at all.
 */
@FunctionalInterface
public interface MoveObserver {

    void moved(List<Move> moves, String actor);
}
