package org.jincai.core.voucher;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jincai.core.TreasuryException;
import org.jincai.core.testing.CoreFixture;
import org.jincai.core.testing.Envelopes;
import org.jincai.core.testing.TestDatabase;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of mutated envelopes (seeded, so a failure replays) through the real intake on a real database (H2, or PostgreSQL with
 * JINCAI_TEST_DB=postgres): fields grown past every limit, dropped, emptied, filled with odd characters,
 * amounts out of range, inner vouchers re-encoded, bodies repeated. Whatever comes in, no exception but a typed
 * refusal of the whole envelope escapes, every voucher gets exactly one outcome, the database holds exactly the
 * accepted vouchers with all their payments, and no refusal is a fault of storing (INTAKE_STORE_FAILED): every
 * bad value is caught before the database sees it.
 */
class IntakeFuzzTest {

    static final long SEED = 20261127L;
    /** 2000 on H2; 600 on PostgreSQL, whose durable commit per voucher makes each envelope some 15 times slower. */
    static final int ENVELOPES = TestDatabase.postgresRequested() ? 600 : 2000;
    static final Charset GBK = Envelopes.GBK;
    static final Pattern FIELD = Pattern.compile("<([A-Za-z]+)>([^<]*)</\\1>");
    static final Pattern INNER = Pattern.compile("<Voucher>([^<]+)</Voucher>");
    static final Pattern BODY = Pattern.compile("<VoucherBody .*?</VoucherBody>\\n?", Pattern.DOTALL);
    static final String[] ODD = {"\"", "'", "../../etc/pw1", "<&>", "　", "\t", "张&#x1F600;", "&#xE000;", "😀", "\\",
        "%00", "${jndi:x}", " ", "١٢٣", "Ω", "&amp;", "NULL", "-", "'; DROP TABLE voucher; --"};

    @TempDir
    Path staging;
    CoreFixture core;

    @BeforeEach
    void setUp() {
        core = new CoreFixture(staging);
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    @Test
    void noMutatedEnvelopeReachesTheDatabaseWrongOrEscapesAsAnUnexpectedException() {
        Random random = new Random(SEED);
        int accepted = 0;
        int refusedWhole = 0;
        List<String> storeFailures = new ArrayList<>();
        for (int i = 0; i < ENVELOPES; i++) {
            String tag = String.format("F%04d", i);
            byte[] envelope = mutate(Envelopes.exampleRenumbered(tag), random);
            String source = "fuzz:" + i;
            int vouchersBefore = core.db.count("SELECT COUNT(*) FROM voucher");
            List<VoucherOutcome> outcomes;
            try {
                outcomes = core.intake.receive(Envelopes.stream(envelope), source, "fuzz");
            } catch (FormatException | TreasuryException refusedAsAWhole) {
                refusedWhole++;
                assertThat(core.db.count("SELECT COUNT(*) FROM voucher")).as("envelope %d refused whole stored nothing", i)
                        .isEqualTo(vouchersBefore);
                continue;
            }
            assertThat(outcomes).extracting(VoucherOutcome::index).as("envelope %d: one outcome per body, in order", i)
                    .containsExactlyElementsOf(range(bodies(envelope)));
            for (VoucherOutcome o : outcomes) {
                if (o.accepted()) {
                    assertThat(o.errors()).as("envelope %d voucher %d", i, o.index()).isEmpty();
                } else {
                    assertThat(o.errors()).as("envelope %d voucher %d: refused with a code", i, o.index()).isNotEmpty();
                }
                for (Problem p : o.errors()) {
                    if (p.code().equals(VoucherIntakeService.INTAKE_STORE_FAILED)) {
                        storeFailures.add("envelope " + i + ": " + p.location());
                    }
                }
            }
            long taken = outcomes.stream().filter(VoucherOutcome::accepted).count();
            accepted += (int) taken;
            assertThat(core.db.count("SELECT COUNT(*) FROM voucher WHERE source = '" + source + "'"))
                    .as("envelope %d: the database holds exactly the accepted vouchers", i).isEqualTo((int) taken);
            for (VoucherOutcome o : outcomes.stream().filter(VoucherOutcome::accepted).toList()) {
                assertThat(paymentsOf(source, o)).as("envelope %d voucher %s: all its payments", i, o.voucherNo())
                        .isEqualTo(o.payments());
                assertThat(paidTotal(source, o)).as("envelope %d voucher %s: its payments sum to PayAmt", i, o.voucherNo())
                        .isEqualByComparingTo(o.payAmt());
            }
        }
        assertThat(storeFailures).as("values the intake let reach the database and the database refused").isEmpty();
        assertThat(accepted).as("the fuzzing left valid vouchers too").isGreaterThan(ENVELOPES / 4);
        assertThat(refusedWhole).as("and envelopes refused whole").isPositive().isLessThan(ENVELOPES / 2);
    }

    private int paymentsOf(String source, VoucherOutcome o) {
        return core.db.jdbc().getJdbcTemplate().queryForObject("""
                SELECT COUNT(*) FROM payment p JOIN voucher v ON v.voucher_id = p.voucher_id
                 WHERE v.source = ? AND v.voucher_no = ? AND v.vt_code = ?""", Integer.class, source, o.voucherNo(),
                o.vtCode());
    }

    private BigDecimal paidTotal(String source, VoucherOutcome o) {
        return core.db.jdbc().getJdbcTemplate().queryForObject("""
                SELECT SUM(p.amount) FROM payment p JOIN voucher v ON v.voucher_id = p.voucher_id
                 WHERE v.source = ? AND v.voucher_no = ? AND v.vt_code = ?""", BigDecimal.class, source, o.voucherNo(),
                o.vtCode());
    }

    private static List<Integer> range(int n) {
        List<Integer> r = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            r.add(i);
        }
        return r;
    }

    private static int bodies(byte[] envelope) {
        Matcher m = BODY.matcher(new String(envelope, GBK));
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** One to three mutations, each on the envelope or on one inner voucher. */
    static byte[] mutate(byte[] envelope, Random random) {
        String text = new String(envelope, GBK);
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            int kind = random.nextInt(20);
            text = switch (kind) {
                case 0, 1 -> repeatBody(text, random);
                case 2 -> text.substring(0, random.nextInt(text.length()));
                case 3 -> text.replaceFirst("<VoucherCount>\\d+</VoucherCount>", "<VoucherCount>" + random.nextInt(9)
                        + "</VoucherCount>");
                case 4, 5 -> attribute(text, random);
                case 6, 7 -> reencode(text, random);
                default -> inner(text, random, v -> field(v, random));
            };
        }
        return text.getBytes(GBK);
    }

    private static String repeatBody(String text, Random random) {
        List<String> bodies = BODY.matcher(text).results().map(r -> r.group()).toList();
        if (bodies.isEmpty()) {
            return text;
        }
        String copy = bodies.get(random.nextInt(bodies.size()));
        int count = bodies.size() + 1;
        return text.replace("</MOF>", copy + "</MOF>")
                .replaceFirst("<VoucherCount>\\d+</VoucherCount>", "<VoucherCount>" + count + "</VoucherCount>");
    }

    private static String attribute(String text, Random random) {
        String[] names = {"AdmDivCode", "StYear", "VtCode", "VoucherNo"};
        String name = names[random.nextInt(names.length)];
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(text);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(1), m.end(1)});
        }
        if (spans.isEmpty()) {
            return text;
        }
        int[] s = spans.get(random.nextInt(spans.size()));
        String value = Envelopes.escape(oddValue(text.substring(s[0], s[1]), random)).replace("\t", "&#9;");
        return text.substring(0, s[0]) + value + text.substring(s[1]);
    }

    /** The inner voucher written in UTF-8 (declared GBK or UTF-8) instead of GBK. */
    private static String reencode(String text, Random random) {
        boolean declareUtf8 = random.nextBoolean();
        return innerBytes(text, random, xml -> {
            String s = new String(xml, GBK);
            if (declareUtf8) {
                s = s.replace("encoding=\"GBK\"", "encoding=\"UTF-8\"");
            }
            return s.getBytes(StandardCharsets.UTF_8);
        });
    }

    private static String inner(String text, Random random, UnaryOperator<String> edit) {
        return innerBytes(text, random, xml -> edit.apply(new String(xml, GBK)).getBytes(GBK));
    }

    private static String innerBytes(String text, Random random, UnaryOperator<byte[]> edit) {
        List<int[]> spans = INNER.matcher(text).results().map(r -> new int[] {r.start(1), r.end(1)}).toList();
        if (spans.isEmpty()) {
            return text;
        }
        int[] s = spans.get(random.nextInt(spans.size()));
        byte[] xml = Base64.getDecoder().decode(text.substring(s[0], s[1]));
        return text.substring(0, s[0]) + Base64.getEncoder().encodeToString(edit.apply(xml)) + text.substring(s[1]);
    }

    /** One field of the inner voucher grown, dropped, emptied, duplicated or given odd characters. */
    private static String field(String voucher, Random random) {
        List<MatchResult> fields = FIELD.matcher(voucher).results().map(r -> new MatchResult(r.start(), r.end(),
                r.group(1), r.group(2))).toList();
        if (fields.isEmpty()) {
            return voucher;
        }
        MatchResult f = fields.get(random.nextInt(fields.size()));
        String replacement = switch (random.nextInt(8)) {
            case 0 -> "";
            case 1 -> "<" + f.tag() + "></" + f.tag() + ">";
            case 2 -> "<" + f.tag() + ">" + grow(f.value(), random) + "</" + f.tag() + ">";
            case 3 -> voucher.substring(f.start(), f.end()) + voucher.substring(f.start(), f.end());
            case 4 -> "<" + f.tag() + ">" + amount(random) + "</" + f.tag() + ">";
            default -> "<" + f.tag() + ">" + Envelopes.escape(oddValue(f.value(), random)).replace("&amp;#x", "&#x")
                    + "</" + f.tag() + ">";
        };
        return voucher.substring(0, f.start()) + replacement + voucher.substring(f.end());
    }

    private record MatchResult(int start, int end, String tag, String value) {
    }

    private static String grow(String value, Random random) {
        int[] lengths = {5, 10, 21, 31, 41, 65, 201, 401, 1001, 5000};
        int target = lengths[random.nextInt(lengths.length)];
        String seed = value.isEmpty() ? "9" : value;
        return seed.repeat(target / seed.length() + 1).substring(0, target);
    }

    private static String amount(Random random) {
        String[] amounts = {"1e20", "-1.00", "0.00", "0.001", "99999999999999999.99", "9999999999999999.99",
            "1234567890123456789012.00", "NaN", "1,000.00", "１００.００", "+5.00", "00012.50"};
        return amounts[random.nextInt(amounts.length)];
    }

    private static String oddValue(String value, Random random) {
        String odd = ODD[random.nextInt(ODD.length)];
        return switch (random.nextInt(3)) {
            case 0 -> odd;
            case 1 -> value + odd;
            default -> odd + value;
        };
    }
}
