package org.jincai.server.query;

import java.nio.file.Path;

/**
 * The bytes of a bank file as they were delivered: where they lie under the hub's home ({@code outbound/<BANK>/},
 * its {@code .sent} or {@code .held} folder), their size, their media type (XML for ISO 20022, text in the bank's
 * character set for its own layouts) and the name to download them under.
 */
public record BankFileContent(String fileName, String contentType, Path path, long size, String sha256) {
}
