package org.jincai.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jincai.formats.Problem;
import org.jincai.formats.convert.FiscalToPain001;
import org.jincai.formats.fiscal.EnvelopeReadResult;
import org.jincai.formats.fiscal.FiscalEnvelopes;
import org.jincai.formats.fiscal.FiscalReadOptions;
import org.jincai.formats.iso20022.IsoXsdValidator;
import org.jincai.formats.iso20022.Pain001Version;
import org.jincai.formats.iso20022.Pain001WriteOptions;

/**
 * {@code jincai convert FILE --to pain.001.001.09|pain.001.001.03 [--bank CODE] [-o OUT]}: turns the
 * payment vouchers of a MOF envelope (or a bare inner payment voucher) into the bank message — one credit per detail with a payee, a
 * header-only voucher one credit. {@code --bank} keeps the vouchers of one agent bank (a bank profile's
 * code from the built-in configuration, or a 12-digit agent bank number). Without {@code -o} the message
 * goes to standard output; with it, to a temporary name then renamed, after an XSD check. Skipped vouchers
 * are reported with their codes on standard error. Exit 0 when something was converted, 1 when nothing
 * could be, 2 for bad usage. Runs without starting the hub.
 */
final class ConvertCommand {

    static final ZoneId BANK_ZONE = ZoneId.of("Asia/Shanghai");

    private ConvertCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Path file = null;
        String to = null;
        String bank = null;
        Path output = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--to" -> to = value(args, ++i, a);
                case "--bank" -> bank = value(args, ++i, a);
                case "-o", "--output" -> output = Path.of(value(args, ++i, a));
                default -> {
                    if (a.startsWith("-") || file != null) {
                        throw new CliArguments.UsageException(a.startsWith("-") ? "unknown option " + a + " for convert"
                                : "convert takes one FILE");
                    }
                    file = Path.of(a);
                }
            }
        }
        if (file == null || to == null) {
            throw new CliArguments.UsageException("convert needs a FILE and --to pain.001.001.09|pain.001.001.03");
        }
        Pain001Version version = switch (to) {
            case "pain.001.001.09" -> Pain001Version.V09;
            case "pain.001.001.03" -> Pain001Version.V03;
            default -> throw new CliArguments.UsageException("--to must be pain.001.001.09 or pain.001.001.03");
        };
        if (!Files.isRegularFile(file)) {
            throw new CliArguments.UsageException("no such file: " + file);
        }
        String payBank = bank == null ? null : ConfiguredBanks.agentBankNumber(bank)
                .orElseThrow(() -> new CliArguments.UsageException("--bank: no bank profile or 12-digit bank number"));

        EnvelopeReadResult envelope;
        FiscalReadOptions reading = FiscalReadOptions.defaults();
        try (InputStream in = Files.newInputStream(file)) {
            // a MOF envelope, or a bare inner voucher as finance systems log and exchange it
            envelope = FiscalEnvelopes.readPaymentFile(in.readNBytes((int) reading.maxEnvelopeBytes() + 1), file.toString(), reading);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        OffsetDateTime now = OffsetDateTime.now(BANK_ZONE);
        FiscalToPain001.Conversion conversion = FiscalToPain001.convert(envelope, new FiscalToPain001.Options(
                "CNV" + now.format(DateTimeFormatter.ofPattern("yyMMddHHmmssSSS")), now, now.toLocalDate(), null,
                null, payBank));
        conversion.problems().forEach(p -> err.println("skipped  " + p));
        if (conversion.initiation() == null) {
            err.println("jincai: nothing to convert in " + file);
            return 1;
        }
        Pain001WriteOptions options = Pain001WriteOptions.of(version);
        if (output == null) {
            FiscalToPain001.write(conversion, options, out);
            out.flush();
        } else {
            write(conversion, options, output, to);
            err.printf("converted %d voucher(s), %d credit(s), %s CNY into %s (%s, XSD-valid)%n",
                    conversion.vouchersConverted(), conversion.initiation().numberOfTransactions(),
                    FiscalToPain001.total(conversion).toPlainString(), output, to);
        }
        return 0;
    }

    private static void write(FiscalToPain001.Conversion conversion, Pain001WriteOptions options, Path output,
                              String messageType) {
        Path part = output.resolveSibling(output.getFileName() + ".part");
        try {
            try (OutputStream o = Files.newOutputStream(part)) {
                FiscalToPain001.write(conversion, options, o);
            }
            List<Problem> problems = new IsoXsdValidator().validate(part, messageType, output.toString());
            if (!problems.isEmpty()) {
                Files.delete(part);
                throw new IllegalStateException("the converted message is not XSD-valid: " + problems.get(0));
            }
            Files.move(part, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + output, e);
        }
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size() || args.get(i).startsWith("-")) {
            throw new CliArguments.UsageException(option + " needs a value");
        }
        return args.get(i);
    }
}
