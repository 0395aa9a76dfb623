package org.jincai.batch.payroll.internal;

import org.jincai.batch.payroll.PayrollProgress;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** The writer of step {@code validate}: a chunk of checked lines in one JDBC batch, in the chunk's transaction. */
public class PayrollLineWriter implements ItemWriter<PayrollRow> {

    private final PayrollStore store;
    private final PayrollProgress progress;
    private final String runId;

    public PayrollLineWriter(PayrollStore store, PayrollProgress progress, String runId) {
        this.store = store;
        this.progress = progress;
        this.runId = runId;
    }

    @Override
    public void write(Chunk<? extends PayrollRow> chunk) {
        store.insertLines(runId, chunk.getItems());
        if (!chunk.isEmpty()) {
            progress.report(runId, "validate", chunk.getItems().get(chunk.size() - 1).lineNo(), -1);
        }
    }
}
