package org.jincai.batch.payroll.internal;

import java.math.BigDecimal;
import java.util.List;
import org.jincai.batch.payroll.PayrollCodes;

/**
 * One line of a payroll file as the job keeps it: its line number in the file, its columns as read (null when the
 * line could not be split), and, once checked, its amount and whether it is VALID or REFUSED with a code.
 */
public record PayrollRow(int lineNo, String employeeId, String name, String idType, String idNumber, String bankCode,
                         String accountNo, String accountName, String netAmount, String agencyCode, String expFuncCode,
                         String ecoCode, String fundTypeCode, String remark, BigDecimal amount, String code,
                         String message) {

    public static final String VALID = "VALID";
    public static final String REFUSED = "REFUSED";

    /** The header of the payroll CSV, in order. */
    public static final String HEADER = "employee_id,name,id_type,id_number,bank_code,account_no,account_name,"
            + "net_amount,agency_code,exp_func_code,eco_code,fund_type_code,remark";
    public static final int COLUMNS = 13;

    static PayrollRow of(int lineNo, List<String> f) {
        return new PayrollRow(lineNo, f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), f.get(5), f.get(6), f.get(7),
                f.get(8), f.get(9), f.get(10), f.get(11), f.get(12), null, null, null);
    }

    /** A line that could not be split into the header's columns: kept with what could be read of it. */
    static PayrollRow malformed(int lineNo, List<String> f, String message) {
        String employee = f == null || f.isEmpty() ? null : f.get(0);
        return new PayrollRow(lineNo, employee, null, null, null, null, null, null, null, null, null, null, null, null,
                null, PayrollCodes.LINE_MALFORMED, message);
    }

    public boolean valid() {
        return code == null;
    }

    public String state() {
        return valid() ? VALID : REFUSED;
    }

    PayrollRow refused(String refusal, String why) {
        return new PayrollRow(lineNo, employeeId, name, idType, idNumber, bankCode, accountNo, accountName, netAmount,
                agencyCode, expFuncCode, ecoCode, fundTypeCode, remark, amount, refusal, why);
    }

    PayrollRow withAmount(BigDecimal value) {
        return new PayrollRow(lineNo, employeeId, name, idType, idNumber, bankCode, accountNo, accountName, netAmount,
                agencyCode, expFuncCode, ecoCode, fundTypeCode, remark, value, code, message);
    }
}
