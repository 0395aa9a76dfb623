package org.jincai.core.reconcile;

import org.jincai.core.TreasuryException;

/** A refused request on the exceptions queue, with its stable code. */
public class ReconcileException extends TreasuryException {

    public static final String EXCEPTION_NOT_FOUND = "RECON_EXCEPTION_NOT_FOUND";
    public static final String EXCEPTION_RESOLVED = "RECON_EXCEPTION_RESOLVED";
    public static final String REASON_REQUIRED = "RECON_REASON_REQUIRED";

    public ReconcileException(String code, String message, String location) {
        super(code, message, location);
    }
}
