package org.jincai.formats.fiscal.sign;

/** Signing failed for a reason of the key, certificate or crypto provider, never of the voucher. */
public class SigningException extends RuntimeException {

    public SigningException(String message, Throwable cause) {
        super(message, cause);
    }
}
