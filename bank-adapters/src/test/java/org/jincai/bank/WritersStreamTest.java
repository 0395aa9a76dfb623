package org.jincai.bank;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jincai.bank.file.BankFileWriter;
import org.jincai.bank.file.OutboundCredit;
import org.jincai.bank.file.PaymentFile;
import org.jincai.bank.profile.BankProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bank writer streams a large payment file into its destination as it is produced — many small
 * writes, none holding the whole file. A profile may allow 100,000 credits per file; 20,000 show the shape.
 */
class WritersStreamTest {

    static final int CREDITS = 20_000;
    static final int MOST_IN_ONE_WRITE = 1 << 16;

    @TempDir
    Path dir;

    /** Counts what reaches it and remembers the largest single write. */
    static final class Watching extends OutputStream {
        long bytes;
        int largest;
        int writes;
        final OutputStream to;

        Watching(OutputStream to) {
            this.to = to;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            to.write(b, off, len);
            bytes += len;
            writes++;
            largest = Math.max(largest, len);
        }
    }

    private static PaymentFile large(BankProfile bank, String name) {
        List<OutboundCredit> credits = new ArrayList<>(CREDITS);
        for (int i = 1; i <= CREDITS; i++) {
            credits.add(TestProfiles.credit(String.format("%032x", i), "1234.56", "张三" + (i % 10), "62220202" + String.format("%08d", i)));
        }
        return new PaymentFile(name, bank.code(), "B0100-001", LocalDate.of(2025, 1, 6), TestProfiles.UNIT,
                TestProfiles.PAYER, bank.primaryBankNumber(), credits);
    }

    @Test
    void eachWriterStreamsALargeFileInSmallWrites() throws Exception {
        for (BankProfile bank : List.of(TestProfiles.iso(), TestProfiles.pipe(), TestProfiles.fixed())) {
            BankFileWriter writer = BankFormats.writer(bank);
            PaymentFile file = large(bank, bank.code() + "-large");
            Path target = dir.resolve(file.fileName());
            Watching watched;
            try (OutputStream out = Files.newOutputStream(target)) {
                watched = new Watching(out);
                writer.write(file, watched);
            }

            assertThat(watched.bytes).as(bank.code()).isEqualTo(Files.size(target)).isGreaterThan(1_000_000);
            assertThat(watched.largest).as(bank.code() + ": no write holds the whole file")
                    .isLessThanOrEqualTo(MOST_IN_ONE_WRITE);
            assertThat(watched.writes).as(bank.code()).isGreaterThan(10);
        }
    }
}
