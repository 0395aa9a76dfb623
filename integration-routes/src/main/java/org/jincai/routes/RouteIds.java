package org.jincai.routes;

/** Every route id and internal endpoint of the hub, in one place. Per-bank routes append the bank code. */
public final class RouteIds {

    public static final String VOUCHER_INTAKE = "voucher-intake";
    public static final String VOUCHER_INTAKE_ENDPOINT = "direct:voucher-intake";

    public static final String BANK_RELEASE = "bank-release";
    public static final String BANK_RELEASE_ENDPOINT = "direct:bank-release";

    /** One poll of a bank's outbox now (header {@value #HEADER_BANK}), for the scheduler's {@code bank-polling}. */
    public static final String BANK_POLL = "bank-poll";
    public static final String BANK_POLL_ENDPOINT = "direct:bank-poll";
    /** The bank a {@value #BANK_POLL_ENDPOINT} message asks to poll (the schedule's parameter {@code bank}). */
    public static final String HEADER_BANK = "bank";

    public static final String BANK_UPLOAD_PREFIX = "bank-upload-";
    public static final String BANK_INBOUND_PREFIX = "bank-inbound-";
    public static final String FINANCE_INBOX_PREFIX = "finance-inbox-";
    public static final String FINANCE_OUTBOX_PREFIX = "finance-outbox-";

    /** Who sent a message (a user name or an inbox), recorded on everything it causes. */
    public static final String HEADER_ACTOR = "JincaiActor";
    /** Where a message came from (REST, an inbox file), recorded on the vouchers it carries. */
    public static final String HEADER_SOURCE = "JincaiSource";

    private RouteIds() {
    }

    public static String bankUpload(String bankCode) {
        return BANK_UPLOAD_PREFIX + bankCode;
    }

    public static String bankInbound(String bankCode) {
        return BANK_INBOUND_PREFIX + bankCode;
    }

    public static String financeInbox(String financeSystem) {
        return FINANCE_INBOX_PREFIX + financeSystem;
    }

    public static String financeOutbox(String financeSystem) {
        return FINANCE_OUTBOX_PREFIX + financeSystem;
    }
}
