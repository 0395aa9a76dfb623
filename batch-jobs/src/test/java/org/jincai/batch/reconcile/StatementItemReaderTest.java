package org.jincai.batch.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jincai.bank.simulator.statement.Camt053V08Writer;
import org.jincai.core.reconcile.ReconStatement;
import org.jincai.formats.FormatException;
import org.jincai.formats.iso20022.Balance;
import org.jincai.formats.iso20022.BankStatement;
import org.jincai.formats.iso20022.CreditDebit;
import org.jincai.formats.iso20022.EntryTransaction;
import org.jincai.formats.iso20022.StatementEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The reader parses files ahead of the step on a thread of its own: what the step gets, where the reader says it
 * stands and where a damaged file fails must be what a reader parsing each file when reached gives.
 */
class StatementItemReaderTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 1);

    @TempDir
    Path dir;

    /** Statement files 1..n of 3 entries each; with {@code AHEAD_BYTES} of 16 MB, all are parsed ahead at once. */
    private List<Path> files(int n) throws IOException {
        List<Path> files = new ArrayList<>();
        BigDecimal balance = new BigDecimal("1000000.00");
        for (int seq = 1; seq <= n; seq++) {
            List<StatementEntry> entries = new ArrayList<>();
            BigDecimal closing = balance;
            for (int i = 1; i <= 3; i++) {
                BigDecimal amount = BigDecimal.valueOf(seq * 100 + i, 2);
                String ref = "R" + seq + "-" + i;
                closing = closing.subtract(amount);
                entries.add(new StatementEntry(ref, amount, "CNY", CreditDebit.DBIT, false, "BOOK", DAY, null, DAY, null,
                        ref, "PMNT/ICDT/DMCT", null, List.of(), List.of(EntryTransaction.of("E2E-" + ref, amount, "CNY",
                        CreditDebit.DBIT, "payee", "6222000000000001", null))));
            }
            String id = "STMT-" + seq;
            OffsetDateTime created = DAY.atTime(18, 0).atOffset(ZoneOffset.ofHours(8));
            BankStatement s = new BankStatement(Camt053V08Writer.MESSAGE_NAME_ID, id, created, id,
                    Integer.toString(seq), null, created, null, null, "110060149018000017", "CNY", "payer", null,
                    List.of(new Balance(Balance.OPENING_BOOKED, balance, "CNY", CreditDebit.CRDT, DAY, null),
                            new Balance(Balance.CLOSING_BOOKED, closing, "CNY", CreditDebit.CRDT, DAY, null)), entries);
            Path f = dir.resolve(String.format("%03d.camt053.xml", seq));
            Files.write(f, Camt053V08Writer.toBytes(id, created, List.of(s)));
            files.add(f);
            balance = closing;
        }
        return files;
    }

    private static List<String> readAll(StatementItemReader reader) {
        List<String> ids = new ArrayList<>();
        ReconStatement s;
        while ((s = reader.read()) != null) {
            ids.add(s.statementId());
        }
        return ids;
    }

    private static boolean readAheadThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals("reconcile-read-ahead"));
    }

    @Test
    void everyStatementComesOnceInFileOrderAndARestartGoesOnWhereTheStepStood() throws Exception {
        List<Path> files = files(30);
        StatementItemReader reader = new StatementItemReader("DEMO-ISO", files, null, null);
        reader.open(new ExecutionContext());
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            first.add(reader.read().statementId());
        }
        ExecutionContext committed = new ExecutionContext();
        reader.update(committed);
        reader.read(); // read ahead of the commit, then the node dies
        reader.close();

        assertThat(first).containsExactlyElementsOf(ids(1, 12));
        assertThat(committed.getInt(StatementItemReader.FILE)).as("read ahead files do not count").isEqualTo(11);
        assertThat(committed.getInt(StatementItemReader.STATEMENT)).isEqualTo(1);

        StatementItemReader restarted = new StatementItemReader("DEMO-ISO", files, null, null);
        restarted.open(committed);
        assertThat(readAll(restarted)).containsExactlyElementsOf(ids(13, 30));
        assertThat(restarted.read()).isNull();
        restarted.close();
        awaitNoReadAheadThread();
    }

    @Test
    void aDamagedFileFailsWhenTheStepReachesItAfterTheFilesBeforeIt() throws Exception {
        List<Path> files = files(8);
        Files.writeString(files.get(5), "<Document><BkToCstmrStmt>cut off here");
        StatementItemReader reader = new StatementItemReader("DEMO-ISO", files, null, null);
        reader.open(new ExecutionContext());
        List<String> read = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            read.add(reader.read().statementId());
        }

        assertThat(read).containsExactlyElementsOf(ids(1, 5));
        assertThatThrownBy(reader::read).isInstanceOf(FormatException.class);
        assertThatThrownBy(reader::read).as("the same file, again").isInstanceOf(FormatException.class);
        ExecutionContext at = new ExecutionContext();
        reader.update(at);
        assertThat(at.getInt(StatementItemReader.FILE)).isEqualTo(5);
        reader.close();
        awaitNoReadAheadThread();
    }

    @Test
    void statementsOutsideTheRunsDatesArePassedOver() throws Exception {
        StatementItemReader reader = new StatementItemReader("DEMO-ISO", files(3), DAY.plusDays(1), null);
        reader.open(new ExecutionContext());

        assertThat(reader.read()).isNull();
        reader.close();
    }

    private static List<String> ids(int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            ids.add("STMT-" + i);
        }
        return ids;
    }

    private static void awaitNoReadAheadThread() throws InterruptedException {
        for (int i = 0; i < 100 && readAheadThreadAlive(); i++) {
            Thread.sleep(50);
        }
        assertThat(readAheadThreadAlive()).as("close() stops the read-ahead thread").isFalse();
    }
}
