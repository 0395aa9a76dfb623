package org.jincai.core.controls;

/** Codes every control shares. */
public final class ControlCodes {

    /** The user acts on, or asks for, something outside their data scope (divisions and agencies). */
    public static final String OUT_OF_SCOPE = "OUT_OF_SCOPE";
    /** A rejection or an acknowledgement without a reason. */
    public static final String REASON_REQUIRED = "REASON_REQUIRED";
    /** The user holds none of the roles the action needs. */
    public static final String ROLE_REQUIRED = "ROLE_REQUIRED";

    private ControlCodes() {
    }

    /** The reason given, stripped, or a {@value #REASON_REQUIRED} refusal when there is none. */
    public static String requireReason(String reason, String location) {
        if (reason == null || reason.isBlank()) {
            throw new ControlException(ControlException.Kind.INVALID, REASON_REQUIRED, "a reason is required",
                    location);
        }
        return reason.strip();
    }
}
