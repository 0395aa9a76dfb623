package org.jincai.batch.reconcile;

import org.jincai.core.reconcile.ReconStatement;
import org.jincai.core.reconcile.Reconciler;
import org.jincai.core.reconcile.StatementOutcome;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Reconciles each statement of a chunk, inside the chunk's transaction: matches, moves, exceptions and the
 * statement's own record commit together, or not at all. The statements it found already taken are counted in
 * the step's execution context ({@value #ALREADY}), which commits with the chunk.
 */
public class StatementItemWriter implements ItemWriter<ReconStatement> {

    static final String ALREADY = "reconcile.already";

    private final Reconciler reconciler;
    private final String runId;
    private final StepExecution step;

    public StatementItemWriter(Reconciler reconciler, String runId, StepExecution step) {
        this.reconciler = reconciler;
        this.runId = runId;
        this.step = step;
    }

    @Override
    public void write(Chunk<? extends ReconStatement> chunk) {
        int already = 0;
        for (ReconStatement s : chunk) {
            StatementOutcome outcome = reconciler.apply(s, runId);
            if (outcome.alreadyImported()) {
                already++;
            }
        }
        if (already > 0) {
            step.getExecutionContext().putInt(ALREADY, step.getExecutionContext().getInt(ALREADY, 0) + already);
        }
    }
}
