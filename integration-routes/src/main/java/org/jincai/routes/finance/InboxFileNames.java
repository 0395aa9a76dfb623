package org.jincai.routes.finance;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The names an inbox file is kept under once taken (archive) or refused (error folder): its own name with the
 * time it was taken (UTC, to the millisecond) and, once read, twelve hex digits of its SHA-256 before the
 * extension — {@code batch-1_20261127T083015123Z_3fa9c2d1b7e0.xml} — so a later file of the same name never
 * overwrites one kept before.
 */
final class InboxFileNames {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private InboxFileNames() {
    }

    static String kept(String fileName, Instant at, String sha256) {
        int dot = fileName.lastIndexOf('.');
        String stem = dot > 0 ? fileName.substring(0, dot) : fileName;
        String ext = dot > 0 ? fileName.substring(dot) : "";
        return stem + "_" + STAMP.format(at) + (sha256 == null ? "" : "_" + sha256.substring(0, 12)) + ext;
    }
}
