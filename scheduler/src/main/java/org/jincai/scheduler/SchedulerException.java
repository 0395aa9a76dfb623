package org.jincai.scheduler;

/**
 * A refused scheduling or job operation, with a stable {@code code} (for example {@code SCHEDULE_IN_PAST},
 * {@code SCHEDULE_NOT_WORKING_DAY}, {@code SCHEDULE_NOT_FOUND}, {@code JOB_EXECUTION_NOT_FOUND}) and the field it is
 * about.
 */
public class SchedulerException extends RuntimeException {

    private final String code;
    private final String field;

    public SchedulerException(String code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    public SchedulerException(String code, String field, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.field = field;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    @Override
    public String toString() {
        return code + (field == null ? "" : " [" + field + "]") + ": " + getMessage();
    }
}
