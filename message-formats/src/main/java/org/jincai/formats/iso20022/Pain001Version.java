package org.jincai.formats.iso20022;

/** The pain.001 schema versions the hub writes and reads. */
public enum Pain001Version {
    /** pain.001.001.03 (ISO 20022 2009), still what most Chinese and European banks take. */
    V03("pain.001.001.03"),
    /** pain.001.001.09 (ISO 20022 2019). */
    V09("pain.001.001.09");

    private final String messageNameId;

    Pain001Version(String messageNameId) {
        this.messageNameId = messageNameId;
    }

    /** {@code pain.001.001.09}: the message name identification, also the XSD's name. */
    public String messageNameId() {
        return messageNameId;
    }

    public String namespace() {
        return "urn:iso:std:iso:20022:tech:xsd:" + messageNameId;
    }

    /** The version of a message name id ({@code pain.001.001.03}) or of its namespace. */
    public static Pain001Version of(String nameOrNamespace) {
        for (Pain001Version v : values()) {
            if (v.messageNameId.equals(nameOrNamespace) || v.namespace().equals(nameOrNamespace)) {
                return v;
            }
        }
        throw new IllegalArgumentException("not a pain.001 version the hub writes: " + nameOrNamespace);
    }
}
