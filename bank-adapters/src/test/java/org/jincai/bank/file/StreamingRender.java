package org.jincai.bank.file;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import org.jincai.bank.BankFormats;
import org.jincai.bank.TestProfiles;
import org.jincai.bank.profile.BankProfile;

/**
 * The child process of {@link StreamingRenderTest}: renders a file of N generated credits for one of the demo banks,
 * either streaming from a {@link CreditSource} that makes each credit when the writer reaches it, or, as a control,
 * from a list holding them all ({@code list}). Arguments: {@code iso|pipe|fixed stream|list N OUT}.
 */
public final class StreamingRender {

    private StreamingRender() {
    }

    public static void main(String[] args) throws Exception {
        BankProfile bank = switch (args[0]) {
            case "iso" -> TestProfiles.iso();
            case "pipe" -> TestProfiles.pipe();
            default -> TestProfiles.fixed();
        };
        int n = Integer.parseInt(args[2]);
        FileHead head = new FileHead("PAY-" + args[0] + ".txt", bank.code(), "B0001-001", LocalDate.of(2026, 12, 7),
                TestProfiles.UNIT, TestProfiles.PAYER, bank.primaryBankNumber());
        BankFileWriter writer = BankFormats.writer(bank);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(args[3])))) {
            if (args[1].equals("list")) {
                List<OutboundCredit> all = IntStream.rangeClosed(1, n).mapToObj(StreamingRender::credit).toList();
                writer.write(new PaymentFile(head.fileName(), head.bankCode(), head.messageId(), head.executionDate(),
                        head.payerAccount(), head.payerName(), head.payerBankNo(), all), out);
            } else {
                writer.write(head, () -> IntStream.rangeClosed(1, n).mapToObj(StreamingRender::credit), out);
            }
        }
    }

    /** Credit {@code i}: every text its own (nothing shared between credits), an amount of its own. */
    static OutboundCredit credit(int i) {
        String id = String.format("P%031d", i);
        return new OutboundCredit(id, new BigDecimal(1000 + i % 90000).movePointLeft(2).add(BigDecimal.ONE),
                "张" + (char) ('一' + i % 2000) + (char) ('丁' + i % 1000), String.format("6222%015d", i),
                "102581000013", "中国工商银行股份有限公司广州分行第" + i + "营业部",
                "工资 2026-12 员工 " + i + " 的 月度 工资 与 津贴 补贴 合计");
    }
}
