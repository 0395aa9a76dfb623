package org.jincai.server.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jincai.formats.Problem;
import org.jincai.formats.fiscal.sign.Pkcs7VoucherVerifier;
import org.jincai.formats.fiscal.sign.TrustedCertificates;
import org.jincai.formats.fiscal.sign.VoucherVerifier;
import org.jincai.formats.inspect.FormatInspector;
import org.jincai.formats.inspect.Inspection;

/**
 * {@code jincai inspect FILE [--json] [--strict] [--verify CERT_OR_TRUSTSTORE [--storepass PASSWORD]]}: detects
 * the format (fiscal voucher envelope or bare inner voucher, ISO 20022 message and version, or a bank layout),
 * validates it and prints a summary; with {@code --json} exactly one JSON object. {@code --verify} checks every
 * fiscal voucher's signatures over the base64 text of its {@code <Voucher>} against a PEM / DER certificate
 * file or a PKCS#12 / JKS truststore (SHA-1 accepted with a warning). Exit 0 when the file is readable, 1
 * when not, 2 for bad usage. Runs without starting the hub.
 */
final class InspectCommand {

    private InspectCommand() {
    }

    static int run(List<String> args, PrintStream out) {
        boolean json = false;
        boolean strict = false;
        Path file = null;
        Path trusted = null;
        String storePassword = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--json" -> json = true;
                case "--strict" -> strict = true;
                case "--verify" -> trusted = Path.of(value(args, ++i, a));
                case "--storepass" -> storePassword = value(args, ++i, a);
                default -> {
                    if (a.startsWith("-")) {
                        throw new CliArguments.UsageException("unknown option " + a + " for inspect");
                    }
                    if (file != null) {
                        throw new CliArguments.UsageException("inspect takes one FILE");
                    }
                    file = Path.of(a);
                }
            }
        }
        if (file == null) {
            throw new CliArguments.UsageException("inspect needs a FILE");
        }
        if (!Files.isRegularFile(file)) {
            throw new CliArguments.UsageException("no such file: " + file);
        }
        VoucherVerifier verifier = null;
        if (trusted != null) {
            if (!Files.isRegularFile(trusted)) {
                throw new CliArguments.UsageException("--verify: no such file: " + trusted);
            }
            try {
                verifier = Pkcs7VoucherVerifier.trusting(TrustedCertificates.load(trusted,
                        storePassword == null ? null : storePassword.toCharArray()));
            } catch (IllegalArgumentException e) {
                throw new CliArguments.UsageException("--verify: " + e.getMessage());
            }
        }
        Inspection inspection = FormatInspector.inspect(file, strict, verifier);
        if (!inspection.readable() && FormatInspector.UNKNOWN.equals(inspection.format())) {
            inspection = BankLayoutInspector.inspect(file).orElse(inspection);
        }
        if (json) {
            out.println(inspection.toJson());
        } else {
            print(inspection, out);
        }
        return inspection.exitCode();
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size() || args.get(i).startsWith("-")) {
            throw new CliArguments.UsageException(option + " needs a value");
        }
        return args.get(i);
    }

    private static void print(Inspection i, PrintStream out) {
        out.println("file      " + i.file());
        out.println("format    " + i.format());
        out.println("readable  " + (i.readable() ? "yes" : "no") + ", valid " + (i.valid() ? "yes" : "no"));
        if (!i.summary().isEmpty()) {
            out.println("summary   " + flatten(i.summary()));
        }
        problems("error", i.errors(), out);
        problems("warning", i.warnings(), out);
    }

    private static void problems(String kind, List<Problem> problems, PrintStream out) {
        for (Problem p : problems) {
            out.println(kind + "   " + p);
        }
    }

    private static String flatten(Map<String, Object> map) {
        return map.entrySet().stream().map(e -> e.getKey() + " " + (e.getValue() instanceof Map<?, ?> m
                ? "{" + m.entrySet().stream().map(x -> x.getKey() + " " + x.getValue()).collect(Collectors.joining(", "))
                + "}" : e.getValue())).collect(Collectors.joining(", "));
    }
}
