package org.jincai.batch.reconcile;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.jincai.core.reconcile.ReconStatement;
import org.jincai.core.reconcile.StatementFiles;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads the statements of the run's files, one statement per item, in file order. Where it stands (file,
 * statement) is kept in the step's execution context at each commit, so a restarted run goes on after the last
 * chunk committed; a statement read again is recognised as already taken anyway. Statements dated outside the
 * run's range (when it has one) are passed over. Without a bank code, each file's bank is the name of its folder.
 */
public class StatementItemReader implements ItemStreamReader<ReconStatement> {

    static final String FILE = "reconcile.reader.file";
    static final String STATEMENT = "reconcile.reader.statement";

    private final String bankCode;
    private final List<Path> files;
    private final LocalDate from;
    private final LocalDate to;
    private int file;
    private int statement;
    private List<ReconStatement> current;

    public StatementItemReader(String bankCode, List<Path> files, LocalDate from, LocalDate to) {
        this.bankCode = bankCode;
        this.files = List.copyOf(files);
        this.from = from;
        this.to = to;
    }

    @Override
    public void open(ExecutionContext context) {
        file = context.containsKey(FILE) ? context.getInt(FILE) : 0;
        statement = context.containsKey(STATEMENT) ? context.getInt(STATEMENT) : 0;
    }

    @Override
    public void update(ExecutionContext context) {
        context.putInt(FILE, file);
        context.putInt(STATEMENT, statement);
    }

    @Override
    public ReconStatement read() {
        while (file < files.size()) {
            if (current == null) {
                Path f = files.get(file);
                // without a bank named, the bank is the folder the statement was received in (statements/<BANK>/)
                current = StatementFiles.read(bankCode != null ? bankCode : f.getParent().getFileName().toString(), f);
            }
            while (statement < current.size()) {
                ReconStatement s = current.get(statement++);
                if (inRange(s)) {
                    return s;
                }
            }
            file++;
            statement = 0;
            current = null;
        }
        return null;
    }

    private boolean inRange(ReconStatement s) {
        if (s.date() == null) {
            return true;
        }
        return (from == null || !s.date().isBefore(from)) && (to == null || !s.date().isAfter(to));
    }
}
