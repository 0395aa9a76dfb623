package org.jincai.bank;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.jincai.bank.file.OutboundCredit;
import org.jincai.bank.file.PaymentFile;
import org.jincai.bank.profile.BankFormat;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.profile.SftpEndpoint;
import org.jincai.bank.profile.TransliterationPolicy;

/** Bank profiles and payment files shared by the tests: the demo's three banks. */
public final class TestProfiles {

    public static final Charset GBK = Charset.forName("GBK");
    public static final String UNIT = "440201000000001234";
    public static final String PAYER = "广州市财政局国库支付中心";

    private TestProfiles() {
    }

    public static SftpEndpoint sftp(String user, String password) {
        return new SftpEndpoint("127.0.0.1", 0, user, password, null, null, "inbox", "outbox", "archive", "error",
                Duration.ofSeconds(5), null);
    }

    /** The pipe bank: its return file reports execution (S = paid), it sends no statement. */
    public static BankProfile pipe() {
        return new BankProfile("DEMO-PIPE", "演示代发银行", List.of("102581000013"), BankFormat.PIPE_GBK,
                BankFormat.PIPE_GBK_RETURN, GBK, 1000, new BigDecimal("5000000.00"), false,
                "PAY-{bank}-{date}-{batch}-{part}", sftp("demo-pipe", "pipe-secret"),
                TransliterationPolicy.REFUSE, LocalTime.of(16, 0), null, true, false);
    }

    /** The ISO bank: pain.002 ACCP means accepted, its camt.053 booking means paid. */
    public static BankProfile iso() {
        return new BankProfile("DEMO-ISO", "Demo ISO bank", List.of("104581000012", "104581000099"),
                BankFormat.PAIN_001_001_09, BankFormat.PAIN_002_001_10, StandardCharsets.UTF_8, 500,
                new BigDecimal("10000000.00"), true, "{bank}_{date}_{batch}_{part}", sftp("demo-iso", "iso-secret"),
                TransliterationPolicy.REFUSE, LocalTime.of(16, 30), BankFormat.CAMT_053_001_08, false, false);
    }

    /** The fixed-width bank: like the pipe bank, its return file reports execution. */
    public static BankProfile fixed() {
        return new BankProfile("DEMO-FIXED", "演示定长银行", List.of("103581000014"), BankFormat.FIXED_GBK,
                BankFormat.FIXED_GBK_RETURN, GBK, 1000, new BigDecimal("5000000.00"), false,
                "PAY-{bank}-{date}-{batch}-{part}", sftp("demo-fixed", "fixed-secret"),
                TransliterationPolicy.REFUSE, LocalTime.of(15, 30), null, true, false);
    }

    /** The credits of the golden file layout/payment-demo-fixed.txt: the pipe demo's, with the payees' banks. */
    public static PaymentFile demoFixedFile() {
        return new PaymentFile("PAY-DEMO-FIXED-20250106-B0003-001.txt", "DEMO-FIXED", "B0003-001", LocalDate.of(2025, 1, 6),
                UNIT, PAYER, "103581000014", demoCredits());
    }

    /** The credits of the golden file layout/payment-demo-pipe.txt. */
    public static List<OutboundCredit> demoCredits() {
        return List.of(
                credit("E2E-0001", "5000.00", "张三", "6222020200001111"),
                credit("E2E-0002", "7000.67", "欧阳·娜娜", "6222020200010000"),
                credit("E2E-0003", "1345.00", "李四", "6222020200002222"));
    }

    public static OutboundCredit credit(String id, String amount, String name, String account) {
        return new OutboundCredit(id, new BigDecimal(amount), name, account, "102581000013", "演示代发银行", "工资");
    }

    public static PaymentFile demoFile() {
        return demoFile(demoCredits());
    }

    public static PaymentFile demoFile(List<OutboundCredit> credits) {
        return new PaymentFile("PAY-DEMO-PIPE-20250106-B0001-001.txt", "DEMO-PIPE", "B0001-001", LocalDate.of(2025, 1, 6),
                UNIT, PAYER, "102581000013", credits);
    }
}
