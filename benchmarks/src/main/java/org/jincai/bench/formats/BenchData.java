package org.jincai.bench.formats;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.jincai.formats.iso20022.CreditDebit;
import org.jincai.formats.iso20022.CreditTransferTransaction;
import org.jincai.formats.iso20022.EntryTransaction;
import org.jincai.formats.iso20022.Pain001GroupHeader;
import org.jincai.formats.iso20022.Pain001PaymentHeader;
import org.jincai.formats.iso20022.StatementEntry;

/**
 * The benchmark's payroll: {@code n} credits with realistic Chinese domestic fields (names of two or
 * three characters, 19-digit card accounts, 12-digit CNAPS bank numbers with the branch's name,
 * salaries in fen, a Chinese remittance line), generated deterministically from a seed so that every
 * case of every run writes and reads the same content. Nothing is held: the iterator makes each credit
 * as it is asked for.
 */
final class BenchData {

    static final String MESSAGE_ID = "BENCH-PAYROLL-202611";
    static final OffsetDateTime CREATED = OffsetDateTime.of(2026, 11, 30, 9, 15, 0, 0, ZoneOffset.ofHours(8));
    static final LocalDate EXECUTION = LocalDate.of(2026, 12, 1);
    static final String PAYER_NAME = "某某市财政局国库支付中心";
    static final String PAYER_ACCOUNT = "110060149018000017";
    static final String PAYER_BANK = "105100000017";

    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马",
        "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "欧阳", "司马"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰",
        "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "志强", "海燕", "晓东", "子涵", "浩然", "雨萱"};
    private static final String[][] BANKS = {
        {"102100099996", "中国工商银行股份有限公司北京市分行"},
        {"103100000026", "中国农业银行股份有限公司北京市分行"},
        {"104100000004", "中国银行股份有限公司北京市分行"},
        {"105100000017", "中国建设银行股份有限公司北京市分行"},
        {"301290000007", "交通银行股份有限公司北京市分行"},
        {"403100000004", "中国邮政储蓄银行股份有限公司北京分行"}};

    private BenchData() {
    }

    /** The n credits of the payroll, made on demand. */
    static Iterator<CreditTransferTransaction> credits(int n) {
        return new Iterator<>() {
            private final SplittableRandom random = new SplittableRandom(20261130L);
            private int i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public CreditTransferTransaction next() {
                if (i >= n) {
                    throw new NoSuchElementException();
                }
                i++;
                String id = "PAY" + (100_000_000_000L + i);
                String name = SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)];
                String account = "6222" + (100_000_000_000_000L + random.nextLong(899_999_999_999_999L));
                String[] bank = BANKS[random.nextInt(BANKS.length)];
                BigDecimal amount = BigDecimal.valueOf(300_000 + random.nextLong(2_700_000), 2);
                String remittance = "2026年11月工资 工号E" + (200_000 + i);
                return new CreditTransferTransaction(id, id, amount, "CNY", name, account, bank[0], bank[1], remittance);
            }
        };
    }

    /** The payroll's totals, from a first pass (the hub knows them from its database). */
    static Pain001GroupHeader groupHeader(int n) {
        BigDecimal sum = total(n);
        return new Pain001GroupHeader(MESSAGE_ID, CREATED, PAYER_NAME, n, sum);
    }

    static Pain001PaymentHeader paymentHeader(int n, BigDecimal sum) {
        return new Pain001PaymentHeader(MESSAGE_ID + "-1", EXECUTION, true, PAYER_NAME, PAYER_ACCOUNT, PAYER_BANK, (long) n, sum);
    }

    static BigDecimal total(int n) {
        long fen = 0;
        Iterator<CreditTransferTransaction> it = credits(n);
        while (it.hasNext()) {
            fen += it.next().amount().unscaledValue().longValue();
        }
        return BigDecimal.valueOf(fen, 2);
    }

    /** The statement entries of the same payroll, one debit per credit as a bank books without batch booking. */
    static Iterator<StatementEntry> entries(int n) {
        Iterator<CreditTransferTransaction> credits = credits(n);
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return credits.hasNext();
            }

            @Override
            public StatementEntry next() {
                CreditTransferTransaction t = credits.next();
                String ref = "BK" + (500_000_000_000L + ++i);
                EntryTransaction tx = new EntryTransaction(null, ref, MESSAGE_ID + "-1", t.instructionId(), t.endToEndId(), null,
                        t.amount(), "CNY", CreditDebit.DBIT, null, null, null, t.creditorName(), t.creditorAccount(),
                        t.creditorAgentMemberId(), List.of(t.remittanceInformation()), List.of(), null);
                return new StatementEntry(null, t.amount(), "CNY", CreditDebit.DBIT, false, "BOOK", EXECUTION, null, EXECUTION,
                        null, ref, "PMNT/ICDT/DMCT", null, List.of(), List.of(tx));
            }
        };
    }
}
