package org.jincai.batch.payroll.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jincai.bank.profile.BankProfile;
import org.jincai.batch.payroll.PayrollCodes;
import org.jincai.batch.payroll.PayrollException;
import org.jincai.batch.payroll.PayrollProperties;
import org.jincai.core.bank.BankDirectory;
import org.jincai.formats.Problem;
import org.jincai.formats.fiscal.FiscalDetail;
import org.jincai.formats.fiscal.FiscalEnvelopes;
import org.jincai.formats.fiscal.FiscalReadOptions;
import org.jincai.formats.fiscal.FiscalReadResult;
import org.jincai.formats.fiscal.FiscalVoucher;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads an 8207 batch payment detail voucher (财政批量业务支付明细, the standard's payroll form) as payroll lines: a MOF
 * envelope of one or more 8207 vouchers, read and checked by the fiscal reader voucher by voucher; each detail is a
 * line, numbered from 1 across the envelope. The header gives the agency (AgencyCode), the bank (the profile serving
 * PayBankCode), FundTypeCode and ExpFuncCode (a detail's own ExpFuncCode first); the detail gives the payee
 * (PayeeAcctNo, PayeeAcctName), PayAmt, Remark and its Id as the employee id. The standard carries no ID number (not
 * checked) and no economic classification ({@code jincai.payroll.voucher-eco-code}). A voucher the fiscal reader
 * refuses has each of its details refused with the reader's first code. Restartable as the CSV reader: the number
 * of lines taken is saved with every commit.
 */
public class Voucher8207Reader implements ItemStreamReader<PayrollRow> {

    static final String VT_CODE = "8207";

    private final Path path;
    private final BankDirectory banks;
    private final PayrollProperties props;
    private List<PayrollRow> rows;
    private int next;

    public Voucher8207Reader(Path path, BankDirectory banks, PayrollProperties props) {
        this.path = path;
        this.banks = banks;
        this.props = props;
    }

    @Override
    public void open(ExecutionContext context) {
        rows = new ArrayList<>();
        List<Problem> envelope;
        try (InputStream in = Files.newInputStream(path)) {
            envelope = FiscalEnvelopes.readEach(in, path.getFileName().toString(), FiscalReadOptions.defaults(),
                    this::take);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        if (!envelope.isEmpty() || rows.isEmpty()) {
            throw new PayrollException(PayrollCodes.PAYROLL_FILE_INVALID, envelope.isEmpty()
                    ? "the envelope carries no 8207 voucher detail" : envelope.get(0).toString(), path.toString());
        }
        next = context.getInt(PayrollFileReader.LINES_TAKEN, 0);
    }

    private void take(FiscalReadResult read) {
        if (!VT_CODE.equals(read.body().vtCode())) {
            return;
        }
        FiscalVoucher v = read.voucher();
        if (v == null) {
            rows.add(PayrollRow.malformed(rows.size() + 1, null, read.errors().isEmpty() ? "unreadable 8207 voucher"
                    : read.errors().get(0).toString()));
            return;
        }
        String bank = banks.forPayBankCode(v.text("PayBankCode")).map(BankProfile::code)
                .orElse(v.text("PayBankCode"));
        for (FiscalDetail d : v.details()) {
            int line = rows.size() + 1;
            String expFunc = d.text("ExpFuncCode") == null || d.text("ExpFuncCode").isBlank() ? v.text("ExpFuncCode")
                    : d.text("ExpFuncCode");
            BigDecimal amount = d.amount("PayAmt");
            PayrollRow row = new PayrollRow(line, d.id() == null ? "detail " + line : d.id(), d.text("PayeeAcctName"),
                    null, null, bank, d.text("PayeeAcctNo"), d.text("PayeeAcctName"),
                    amount == null ? null : amount.toPlainString(), v.text("AgencyCode"), expFunc,
                    props.voucherEcoCode(), v.text("FundTypeCode"), d.text("Remark"), null, null, null);
            rows.add(read.errors().isEmpty() ? row : row.refused(read.errors().get(0).code(),
                    "voucher " + v.voucherNo() + ": " + read.errors().get(0).message()));
        }
    }

    @Override
    public PayrollRow read() {
        return next < rows.size() ? rows.get(next++) : null;
    }

    @Override
    public void update(ExecutionContext context) {
        context.putInt(PayrollFileReader.LINES_TAKEN, next);
    }

    @Override
    public void close() {
        rows = null;
    }
}
