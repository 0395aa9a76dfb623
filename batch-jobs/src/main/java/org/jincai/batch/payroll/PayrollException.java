package org.jincai.batch.payroll;

import org.jincai.core.TreasuryException;

/** A payroll run refused as a whole, with a {@link PayrollCodes} code and what it is about. */
public class PayrollException extends TreasuryException {

    public PayrollException(String code, String message, String location) {
        super(code, message, location);
    }
}
