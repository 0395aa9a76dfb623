package org.jincai.formats.iso20022;

/**
 * Structured remittance: the creditor's reference to the payment ({@code RmtInf/Strd/CdtrRefInf}),
 * e.g. an invoice or a structured communication. {@code type} is a DocumentType3Code (SCOR, RADM,
 * RPIN, FXDR, DISP, PUOR), written as {@code Tp/CdOrPrtry/Cd}, or any other text up to 35 characters,
 * written as {@code Tp/CdOrPrtry/Prtry}; {@code type} and {@code issuer} may be null.
 */
public record CreditorReference(String type, String issuer, String reference) {

    /** A structured creditor reference (ISO 11649 RF reference or a national one) of type SCOR. */
    public static CreditorReference scor(String reference) {
        return new CreditorReference("SCOR", null, reference);
    }
}
