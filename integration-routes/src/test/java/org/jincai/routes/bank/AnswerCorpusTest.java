package org.jincai.routes.bank;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.simulator.BankResponder;
import org.jincai.bank.simulator.RejectionRule;
import org.jincai.bank.simulator.Responders;
import org.jincai.core.TreasuryException;
import org.jincai.core.release.StagedFile;
import org.jincai.core.testing.CoreFixture;
import org.jincai.core.testing.Envelopes;
import org.jincai.core.testing.TestBanks;
import org.jincai.formats.FormatException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The malformed-answer corpus: what a bank answers (its pain.002, its return file, its camt.053 statement,
 * built by the simulated banks for the hub's real files), cut short, with bytes replaced, lines dropped or
 * doubled, digits turned to letters, and as garbage, goes through the inbound route's own reading and
 * applying ({@link BankInboundRoutes#applyFile}) on a real database. Each one is applied or refused with a
 * coded {@link FormatException} or {@link TreasuryException}; none ends in any other exception (which the
 * route would report as {@code UNEXPECTED_...}).
 */
class AnswerCorpusTest {

    private static final long SEED = 8L;

    @TempDir
    Path root;
    CoreFixture core;
    BankInboundRoutes routes;
    Map<String, byte[]> answers = new LinkedHashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        List<BankProfile> banks = TestBanks.both(2222);
        core = new CoreFixture(root, Clock.systemUTC(), banks);
        core.intake.receive(Envelopes.stream(Envelopes.example()), "test", "finance-test");
        for (StagedFile f : core.release.release("op").staged()) {
            core.deliveries.markUploaded(f.bankCode(), f.fileName(), "route");
            BankProfile bank = core.banks.require(f.bankCode());
            BankResponder responder = Responders.forProfile(bank, RejectionRule.none());
            for (BankResponder.AnswerFile a : responder.respond(f.fileName(), Files.readAllBytes(f.path()))) {
                answers.put(f.bankCode() + "/" + a.name(), a.content());
            }
        }
        routes = new BankInboundRoutes(core.banks, core.answers, core.statements, core.receipts, new SftpUris(root),
                new ReceivedStatements(root.resolve("home"), Clock.systemUTC()));
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    @Test
    void everyMalformedAnswerIsAppliedOrRefusedWithACode() {
        assertThat(answers.keySet()).anyMatch(n -> n.startsWith("DEMO-ISO/") && n.contains("camt"))
                .anyMatch(n -> n.startsWith("DEMO-ISO/") && !n.contains("camt")).anyMatch(n -> n.startsWith("DEMO-PIPE/"));
        Random rnd = new Random(SEED);
        List<String> unexpected = new ArrayList<>();
        int tried = 0;
        int refused = 0;
        for (Map.Entry<String, byte[]> a : answers.entrySet()) {
            String bankCode = a.getKey().substring(0, a.getKey().indexOf('/'));
            String name = a.getKey().substring(a.getKey().indexOf('/') + 1);
            BankProfile bank = core.banks.require(bankCode);
            for (Map.Entry<String, byte[]> m : mutations(a.getValue(), rnd).entrySet()) {
                tried++;
                String fileName = "m" + tried + "-" + name;
                try {
                    routes.applyFile(bank, fileName, m.getValue());
                } catch (FormatException | TreasuryException coded) {
                    refused++;
                } catch (RuntimeException e) {
                    unexpected.add(a.getKey() + " " + m.getKey() + ": " + e);
                }
            }
        }

        assertThat(unexpected).isEmpty();
        assertThat(tried).isGreaterThan(300);
        assertThat(refused).isGreaterThan(tried / 3);
    }

    /** The file itself and its mutations, by name. */
    private static Map<String, byte[]> mutations(byte[] valid, Random rnd) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("as sent", valid);
        out.put("empty", new byte[0]);
        out.put("blank", " \r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] garbage = new byte[64 + rnd.nextInt(512)];
        rnd.nextBytes(garbage);
        out.put("garbage", garbage);
        for (int i = 1; i <= 40; i++) {
            int cut = (int) ((long) valid.length * i / 41);
            out.put("cut at " + cut, java.util.Arrays.copyOf(valid, cut));
        }
        byte[] replacements = {'X', '<', '&', '|', '0', '-', ' ', 0, (byte) 0xFF, (byte) 0xC3};
        for (int i = 0; i < 60; i++) {
            byte[] b = valid.clone();
            int at = rnd.nextInt(b.length);
            b[at] = replacements[rnd.nextInt(replacements.length)];
            out.put("byte " + at + " replaced", b);
        }
        String text = new String(valid, StandardCharsets.ISO_8859_1);
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size() && i < 40; i++) {
            List<String> dropped = new ArrayList<>(lines);
            dropped.remove(i);
            out.put("line " + i + " dropped", String.join("\n", dropped).getBytes(StandardCharsets.ISO_8859_1));
            List<String> doubled = new ArrayList<>(lines);
            doubled.add(i, lines.get(i));
            out.put("line " + i + " doubled", String.join("\n", doubled).getBytes(StandardCharsets.ISO_8859_1));
        }
        for (int i = 0; i < 20; i++) {
            char[] chars = text.toCharArray();
            int digits = 0;
            for (int k = rnd.nextInt(Math.max(1, chars.length)); k < chars.length && digits < 1 + rnd.nextInt(3); k++) {
                if (Character.isDigit(chars[k])) {
                    chars[k] = rnd.nextBoolean() ? 'O' : '9';
                    digits++;
                }
            }
            out.put("digits changed " + i, new String(chars).getBytes(StandardCharsets.ISO_8859_1));
        }
        return out;
    }
}
