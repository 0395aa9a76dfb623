package org.jincai.batch.reconcile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jincai.core.reconcile.ReconStatement;
import org.jincai.core.reconcile.StatementFiles;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads the statements of the run's files, one statement per item, in file order. Where it stands (file,
 * statement) is kept in the step's execution context at each commit, so a restarted run goes on after the last
 * chunk committed; a statement read again is recognised as already taken anyway. Statements dated outside the
 * run's range (when it has one) are passed over. Without a bank code, each file's bank is the name of its folder.
 *
 * <p>The files after the one being read are parsed ahead, in order, on a thread of the reader's own, while the step
 * reconciles what it read: the XML and the statements' digests cost about as much as the matching and need no
 * database. Up to {@value #AHEAD_BYTES} bytes of files are parsed ahead (at least one file), a chunk's worth of
 * statements or more, whatever the run's size. What a file's parse threw is thrown when the step reaches that file,
 * as a parse on the step's thread would have; where the reader stands is what the step consumed, never what was
 * read ahead. {@link #close()} drops what was read ahead and stops the thread.
 */
public class StatementItemReader implements ItemStreamReader<ReconStatement> {

    static final String FILE = "reconcile.reader.file";
    static final String STATEMENT = "reconcile.reader.statement";
    /** How many bytes of statement files are parsed ahead of the step (a 1,000-entry camt.053 is about 1.2 MB). */
    static final long AHEAD_BYTES = 16L << 20;

    private final String bankCode;
    private final List<Path> files;
    private final LocalDate from;
    private final LocalDate to;
    private int file;
    private int statement;
    private List<ReconStatement> current;
    /** The files {@code file} (when {@code current} is null) or {@code file + 1} onwards, being parsed, in order. */
    private final Deque<Ahead> ahead = new ArrayDeque<>();
    private int nextAhead;
    private long bytesAhead;
    private ExecutorService parser;

    /** A file being parsed ahead, and its size. */
    private record Ahead(CompletableFuture<List<ReconStatement>> statements, long bytes) {
    }

    public StatementItemReader(String bankCode, List<Path> files, LocalDate from, LocalDate to) {
        this.bankCode = bankCode;
        this.files = List.copyOf(files);
        this.from = from;
        this.to = to;
    }

    @Override
    public void open(ExecutionContext context) {
        dropAhead();
        file = context.containsKey(FILE) ? context.getInt(FILE) : 0;
        statement = context.containsKey(STATEMENT) ? context.getInt(STATEMENT) : 0;
        current = null;
        nextAhead = file;
    }

    @Override
    public void update(ExecutionContext context) {
        context.putInt(FILE, file);
        context.putInt(STATEMENT, statement);
    }

    @Override
    public void close() {
        dropAhead();
        current = null;
        if (parser != null) {
            parser.shutdownNow();
            parser = null;
        }
    }

    @Override
    public ReconStatement read() {
        while (file < files.size()) {
            if (current == null) {
                readAhead();
                Ahead head = ahead.peekFirst();
                current = join(head.statements());
                ahead.removeFirst();
                bytesAhead -= head.bytes();
                readAhead();
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

    /** Starts parsing the following files until {@value #AHEAD_BYTES} bytes are ahead, or the file needed now. */
    private void readAhead() {
        while (nextAhead < files.size() && (ahead.isEmpty() || bytesAhead < AHEAD_BYTES)) {
            int index = nextAhead++;
            long bytes = size(files.get(index));
            ahead.addLast(new Ahead(CompletableFuture.supplyAsync(() -> parse(index), parser()), bytes));
            bytesAhead += bytes;
        }
    }

    private void dropAhead() {
        ahead.forEach(a -> a.statements().cancel(false));
        ahead.clear();
        bytesAhead = 0;
    }

    private List<ReconStatement> parse(int index) {
        Path f = files.get(index);
        // without a bank named, the bank is the folder the statement was received in (statements/<BANK>/)
        return StatementFiles.read(bankCode != null ? bankCode : f.getParent().getFileName().toString(), f);
    }

    /** A file's statements; what its parse threw, thrown as it was (a {@code FormatException} with its codes). */
    private static List<ReconStatement> join(CompletableFuture<List<ReconStatement>> statements) {
        try {
            return statements.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return 0; // its parse says what is wrong with it, when the step reaches it
        }
    }

    private ExecutorService parser() {
        if (parser == null) {
            parser = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "reconcile-read-ahead");
                t.setDaemon(true);
                return t;
            });
        }
        return parser;
    }

    private boolean inRange(ReconStatement s) {
        if (s.date() == null) {
            return true;
        }
        return (from == null || !s.date().isBefore(from)) && (to == null || !s.date().isAfter(to));
    }
}
