package org.jincai.server.api;

/** A submitted envelope above the API's size limit ({@code jincai.api.max-envelope-bytes}): refused unread. */
public class EnvelopeTooLargeException extends RuntimeException {

    public static final String CODE = "ENVELOPE_TOO_LARGE";

    public EnvelopeTooLargeException(long limit) {
        super("the envelope is larger than the limit of " + limit + " bytes");
    }
}
