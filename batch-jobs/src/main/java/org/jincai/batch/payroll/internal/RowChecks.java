package org.jincai.batch.payroll.internal;

import java.math.BigDecimal;
import java.util.Set;
import java.util.regex.Pattern;
import org.jincai.bank.file.Transliteration;
import org.jincai.bank.layout.FixedLayout;
import org.jincai.bank.profile.BankFormat;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.profile.TransliterationPolicy;
import org.jincai.batch.payroll.PayrollCodes;
import org.jincai.batch.payroll.PayrollProperties;
import org.jincai.core.bank.BankDirectory;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * The checks of one payroll line, in a fixed order, the first that fails naming the line's code: every required
 * column present and within its length; the run's agency; the amount positive with at most two decimals; the ID
 * number (a resident ID, id_type {@value #RESIDENT_ID}, with its check digit); the account number; the bank (a
 * profile with a payroll payer account); the block list; the names the bank's file can carry. Duplicate employees
 * are found across the file by the job's next step. Never mutates; one instance per run.
 */
public class RowChecks implements ItemProcessor<PayrollRow, PayrollRow> {

    /** id_type of the resident identity card (居民身份证). */
    static final String RESIDENT_ID = "01";
    /** Amounts above this (one hundred million) are not salaries: refused as AMOUNT_INVALID. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("99999999.99");

    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{6,32}");
    private static final Pattern OTHER_ID = Pattern.compile("[0-9A-Za-z()\\-]{4,40}");

    private final String agency;
    private final BankDirectory banks;
    private final PayrollProperties props;
    private final Set<String> blocked;
    private final boolean idNumbers;

    /** {@code idNumbers} false for an 8207 voucher's lines, which carry no ID number. */
    public RowChecks(String agency, BankDirectory banks, PayrollProperties props, boolean idNumbers) {
        this.agency = agency;
        this.idNumbers = idNumbers;
        this.banks = banks;
        this.props = props;
        this.blocked = Set.copyOf(props.blockedAccounts());
    }

    @Override
    public PayrollRow process(PayrollRow r) {
        if (!r.valid()) {
            return r;
        }
        String[][] required = {{"employee_id", r.employeeId(), "64"}, {"name", r.name(), "200"},
                {"id_type", idNumbers ? r.idType() : "-", "8"}, {"id_number", idNumbers ? r.idNumber() : "-", "40"},
                {"bank_code", r.bankCode(), "20"},
                {"account_no", r.accountNo(), "40"}, {"account_name", r.accountName(), "200"},
                {"net_amount", r.netAmount(), "30"}, {"agency_code", r.agencyCode(), "30"},
                {"exp_func_code", r.expFuncCode(), "30"}, {"eco_code", r.ecoCode(), "30"},
                {"fund_type_code", r.fundTypeCode(), "30"}};
        for (String[] c : required) {
            if (c[1] == null || c[1].isEmpty()) {
                return r.refused(PayrollCodes.FIELD_REQUIRED, c[0] + " is empty");
            }
            if (c[1].length() > Integer.parseInt(c[2])) {
                return r.refused(PayrollCodes.FIELD_TOO_LONG, c[0] + " is longer than " + c[2] + " characters");
            }
        }
        if (r.remark() != null && r.remark().length() > 100) {
            return r.refused(PayrollCodes.FIELD_TOO_LONG, "remark is longer than 100 characters");
        }
        if (!r.agencyCode().equals(agency)) {
            return r.refused(PayrollCodes.AGENCY_MISMATCH, "agency_code " + r.agencyCode() + " is not the run's agency "
                    + agency);
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(r.netAmount());
        } catch (NumberFormatException e) {
            return r.refused(PayrollCodes.AMOUNT_INVALID, "net_amount '" + r.netAmount() + "' is not a number");
        }
        if (amount.signum() <= 0 || amount.scale() > 2
                || amount.compareTo(MAX_AMOUNT) > 0 || r.netAmount().contains("e") || r.netAmount().contains("E")) {
            return r.refused(PayrollCodes.AMOUNT_INVALID, "net_amount " + r.netAmount() + " must be positive, at most "
                    + MAX_AMOUNT.toPlainString() + ", with at most two decimals");
        }
        if (idNumbers && (RESIDENT_ID.equals(r.idType()) ? !ResidentId.valid(r.idNumber())
                : !OTHER_ID.matcher(r.idNumber()).matches())) {
            return r.refused(PayrollCodes.ID_NUMBER_INVALID, RESIDENT_ID.equals(r.idType())
                    ? "resident ID " + masked(r.idNumber()) + " is not 17 digits and its check character"
                    : "ID number " + masked(r.idNumber()) + " of type " + r.idType() + " is malformed");
        }
        if (!ACCOUNT.matcher(r.accountNo()).matches()) {
            return r.refused(PayrollCodes.ACCOUNT_INVALID, "account_no must be 6 to 32 digits");
        }
        BankProfile bank = banks.all().stream().filter(b -> b.code().equals(r.bankCode())).findFirst().orElse(null);
        if (bank == null) {
            return r.refused(PayrollCodes.UNKNOWN_BANK, "no bank profile " + r.bankCode());
        }
        if (props.payer(bank.code()).isEmpty()) {
            return r.refused(PayrollCodes.UNKNOWN_BANK, "bank " + bank.code() + " has no payroll payer account"
                    + " (jincai.payroll.payers)");
        }
        if (amount.compareTo(bank.maxAmountPerFile()) > 0) {
            return r.refused(PayrollCodes.AMOUNT_INVALID, "net_amount " + r.netAmount() + " is above what bank "
                    + bank.code() + " takes in one file (" + bank.maxAmountPerFile().toPlainString() + ")");
        }
        if (blocked.contains(r.accountNo())) {
            return r.refused(PayrollCodes.ACCOUNT_BLOCKED, "account " + r.accountNo() + " is on the block list");
        }
        String problem = nameProblem(r.accountName(), bank);
        if (problem != null) {
            return r.refused(PayrollCodes.NAME_UNENCODABLE, "account_name " + problem);
        }
        return r.withAmount(amount.setScale(2));
    }

    /** Why the bank's file cannot carry the name, or null. */
    static String nameProblem(String name, BankProfile bank) {
        if (name.indexOf('|') >= 0) {
            return "contains '|', the bank files' separator";
        }
        TransliterationPolicy policy = bank.transliteration() == null ? TransliterationPolicy.REFUSE
                : bank.transliteration();
        var onTheWire = Transliteration.forCharset(name, bank.charset(), policy);
        if (onTheWire.isEmpty()) {
            return "'" + name + "' cannot be written in " + bank.charset() + " for bank " + bank.code();
        }
        if (bank.outboundFormat() == BankFormat.FIXED_GBK
                && onTheWire.get().getBytes(bank.charset()).length > FixedLayout.NAME_BYTES) {
            return "is longer than the bank's " + FixedLayout.NAME_BYTES + "-byte name field";
        }
        return null;
    }

    /** An ID number in a message: its first 6 and last 4 characters only. */
    private static String masked(String id) {
        return id.length() <= 10 ? "****" : id.substring(0, 6) + "*".repeat(id.length() - 10) + id.substring(id.length() - 4);
    }
}
