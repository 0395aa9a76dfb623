package org.jincai.bank.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.jincai.bank.TestProfiles;
import org.jincai.formats.Problem;
import org.junit.jupiter.api.Test;

class BankProfileValidatorTest {

    private final BankProfileValidator validator = new BankProfileValidator();

    @Test
    void demoProfilesAreValid() {
        assertThat(validator.validate(List.of(TestProfiles.pipe(), TestProfiles.iso()))).isEmpty();
        validator.requireValid(List.of(TestProfiles.pipe(), TestProfiles.iso()));
    }

    @Test
    void portZeroMeansAssignedBySimulatorAndIsAccepted() {
        assertThat(TestProfiles.pipe().sftp().port()).isZero();
        assertThat(validator.validate(List.of(TestProfiles.pipe()))).isEmpty();
    }

    @Test
    void eachProblemNamesBankAndField() {
        BankProfile bad = TestProfiles.iso().withSftp(TestProfiles.iso().sftp().withPort(70000));
        assertThat(validator.validate(List.of(bad)))
                .extracting(Problem::code, Problem::location)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("BANK_PROFILE_INVALID", "bank DEMO-ISO / sftp.port"));
    }

    @Test
    void duplicateCodeAndSharedAgentBankNumberAreRefused() {
        BankProfile iso = TestProfiles.iso();
        BankProfile twin = new BankProfile("DEMO-ISO", "twin", List.of("104581000099"), iso.outboundFormat(), iso.answerFormat(),
                iso.charset(), 10, BigDecimal.TEN, false, iso.fileNamePattern(), iso.sftp(), iso.transliteration(),
                iso.cutOffTime(), iso.statementFormat(), iso.answerSettles(), false);
        assertThat(locations(List.of(iso, twin)))
                .containsExactly("bank DEMO-ISO / code", "bank DEMO-ISO / agentBankNumbers[0]");
    }

    @Test
    void everyFieldRuleIsChecked() {
        BankProfile p = new BankProfile(" ", null, List.of("10458100001", "abcdefghijkl"), BankFormat.PAIN_002_001_10,
                BankFormat.PIPE_GBK_RETURN, StandardCharsets.ISO_8859_1, 0, BigDecimal.ZERO, false, "{bank}/{date}{x}",
                new SftpEndpoint("", -1, "", "", "", null, "../in", "", null, null, null, null), null, null,
                BankFormat.PIPE_GBK, false, false);
        assertThat(locations(List.of(p))).containsExactly(
                "bank #1 / code",
                "bank #1 / agentBankNumbers[0]",
                "bank #1 / agentBankNumbers[1]",
                "bank #1 / outboundFormat",
                "bank #1 / charset",
                "bank #1 / maxTransactionsPerFile",
                "bank #1 / maxAmountPerFile",
                "bank #1 / fileNamePattern",   // lacks {batch}
                "bank #1 / fileNamePattern",   // lacks {part}
                "bank #1 / fileNamePattern",   // unknown {x}
                "bank #1 / fileNamePattern",   // '/'
                "bank #1 / sftp.host",
                "bank #1 / sftp.user",
                "bank #1 / sftp.inbox",
                "bank #1 / sftp.outbox",
                "bank #1 / sftp.port",
                "bank #1 / sftp.password",
                "bank #1 / transliteration",
                "bank #1 / cutOffTime",
                "bank #1 / statementFormat");
    }

    @Test
    void answerFormatMustMatchOutboundFormat() {
        BankProfile p = TestProfiles.pipe();
        BankProfile wrong = new BankProfile(p.code(), p.name(), p.agentBankNumbers(), BankFormat.PIPE_GBK,
                BankFormat.PAIN_002_001_10, p.charset(), 1, BigDecimal.ONE, false, p.fileNamePattern(), p.sftp(),
                p.transliteration(), p.cutOffTime(), p.statementFormat(), p.answerSettles(), false);
        assertThat(locations(List.of(wrong))).containsExactly("bank DEMO-PIPE / answerFormat");
    }

    @Test
    void missingSftpAndFormatsAreReported() {
        BankProfile p = new BankProfile("X", "x", List.of("123456789012"), null, null, null, 1, BigDecimal.ONE, false,
                "{batch}-{part}", null, TransliterationPolicy.REFUSE, LocalTime.NOON, null, true, false);
        assertThat(locations(List.of(p))).containsExactly(
                "bank X / outboundFormat", "bank X / answerFormat", "bank X / charset", "bank X / sftp");
    }

    @Test
    void theFixedWidthBankIsValidAndItsLimitsAreBoundByTheLayout() {
        BankProfile fixed = TestProfiles.fixed();
        assertThat(validator.validate(List.of(fixed, TestProfiles.pipe(), TestProfiles.iso()))).isEmpty();

        BankProfile tooMany = new BankProfile(fixed.code(), fixed.name(), fixed.agentBankNumbers(), fixed.outboundFormat(),
                fixed.answerFormat(), fixed.charset(), 1_000_000, new BigDecimal("10000000000000.00"), false,
                fixed.fileNamePattern(), fixed.sftp(), fixed.transliteration(), fixed.cutOffTime(), null, true, false);
        assertThat(locations(List.of(tooMany)))
                .containsExactly("bank DEMO-FIXED / maxTransactionsPerFile", "bank DEMO-FIXED / maxAmountPerFile");
    }

    @Test
    void aBankWhoseAnswerDoesNotSettleMustSendStatements() {
        BankProfile iso = TestProfiles.iso();
        BankProfile noStatement = new BankProfile(iso.code(), iso.name(), iso.agentBankNumbers(), iso.outboundFormat(),
                iso.answerFormat(), iso.charset(), 10, BigDecimal.TEN, true, iso.fileNamePattern(), iso.sftp(),
                TransliterationPolicy.TRANSLITERATE, LocalTime.of(17, 0), null, false, false);
        assertThat(validator.validate(List.of(noStatement)))
                .extracting(Problem::location).containsExactly("bank DEMO-ISO / answerSettles");
        assertThat(TestProfiles.pipe().answerSettles()).isTrue();
        assertThat(TestProfiles.pipe().sendsStatements()).isFalse();
        assertThat(iso.sendsStatements()).isTrue();
    }

    @Test
    void intradayNotificationsNeedAStatementFormat() {
        BankProfile pipe = TestProfiles.pipe();
        assertThat(validator.validate(List.of(TestProfiles.iso().withIntradayNotifications(true)))).isEmpty();
        assertThat(validator.validate(List.of(pipe.withIntradayNotifications(true))))
                .extracting(Problem::location).containsExactly("bank " + pipe.code() + " / intradayNotifications");
    }

    @Test
    void theCutOffIsAWallClockTimeInShanghai() {
        assertThat(TestProfiles.iso().cutOffOn(LocalDate.of(2025, 1, 6)).toOffsetDateTime())
                .hasToString("2025-01-06T16:30+08:00");
    }

    @Test
    void privateKeyInsteadOfPasswordIsEnough() {
        BankProfile p = TestProfiles.pipe();
        SftpEndpoint s = p.sftp();
        SftpEndpoint keyOnly = new SftpEndpoint(s.host(), 22, s.user(), null, "/etc/jincai/keys/demo-pipe", null,
                s.inbox(), s.outbox(), s.archive(), s.error(), s.pollInterval(), null);
        assertThat(validator.validate(List.of(p.withSftp(keyOnly)))).isEmpty();
    }

    @Test
    void theHubRefusesAnEndpointWithoutAHostKeyOrAPortNamingIt() {
        BankProfile simulatedSide = TestProfiles.pipe();
        assertThat(validator.validate(List.of(simulatedSide))).isEmpty();
        assertThatThrownBy(() -> validator.requireUsableByHub(List.of(simulatedSide)))
                .isInstanceOfSatisfying(BankProfileException.class, e -> {
                    assertThat(e.problems()).extracting(Problem::location)
                            .containsExactly("bank DEMO-PIPE / sftp.port", "bank DEMO-PIPE / sftp.known-hosts");
                    assertThat(e.problems()).allSatisfy(pr -> assertThat(pr.message()).contains("demo-pipe@127.0.0.1:0"));
                });
    }

    @Test
    void aRealPortWithItsHostKeyLineIsUsableByTheHub() {
        BankProfile p = TestProfiles.pipe();
        BankProfile verified = p.withSftp(p.sftp().withPort(2222)
                .withKnownHosts("[127.0.0.1]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEhvc3RLZXlPZlRoZUJhbmtTZXJ2ZXJGb3JBVGVzdCEh"));
        assertThat(validator.validateForHub(List.of(verified))).isEmpty();
    }

    @Test
    void anUnreadableKnownHostsLineStopsTheStart() {
        BankProfile p = TestProfiles.pipe();
        for (String line : new String[] {"not a key line", "[127.0.0.1]:2222 ssh-ed25519 !!!notbase64",
                "[127.0.0.1]:2222 ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIEppbmNhaUNvcmVUZXN0c05ldmVyQ29ubmVjdFdpdGgh"}) {
            BankProfile bad = p.withSftp(p.sftp().withPort(2222).withKnownHosts(line));
            assertThat(validator.validateForHub(List.of(bad))).as(line).singleElement()
                    .satisfies(pr -> assertThat(pr.location()).isEqualTo("bank DEMO-PIPE / sftp.known-hosts"));
        }
    }

    @Test
    void requireValidThrowsWithAllProblems() {
        BankProfile p = TestProfiles.pipe().withSftp(TestProfiles.sftp("u", null).withPort(-5));
        assertThatThrownBy(() -> validator.requireValid(List.of(p)))
                .isInstanceOfSatisfying(BankProfileException.class, e -> {
                    assertThat(e.code()).isEqualTo("BANK_PROFILE_INVALID");
                    assertThat(e.problems()).extracting(Problem::location)
                            .containsExactly("bank DEMO-PIPE / sftp.port", "bank DEMO-PIPE / sftp.password");
                });
    }

    @Test
    void archiveAndErrorFoldersAreRequiredByTheHubAndMustStayInTheHome() {
        SftpEndpoint s = TestProfiles.sftp("u", "p");
        SftpEndpoint none = new SftpEndpoint(s.host(), 22, s.user(), s.password(), null,
                "h ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEppbmNhaUNvcmVUZXN0c05ldmVyQ29ubmVjdFdpdGgh", "in", "out", null, " ", null,
                null);
        SftpEndpoint escaping = new SftpEndpoint(s.host(), s.port(), s.user(), s.password(), null, null, "in", "out",
                "../archive", "error/../../x", null, null);
        assertThat(validator.validate(List.of(TestProfiles.pipe().withSftp(none)))).isEmpty();
        assertThat(validator.validateForHub(List.of(TestProfiles.pipe().withSftp(none)))).extracting(Problem::location)
                .containsExactly("bank DEMO-PIPE / sftp.archive", "bank DEMO-PIPE / sftp.error");
        assertThat(none.pollInterval()).isEqualTo(SftpEndpoint.DEFAULT_POLL_INTERVAL);
        assertThat(locations(List.of(TestProfiles.pipe().withSftp(escaping))))
                .containsExactly("bank DEMO-PIPE / sftp.archive", "bank DEMO-PIPE / sftp.error");
    }

    @Test
    void inboxAndOutboxMustDiffer() {
        SftpEndpoint s = TestProfiles.sftp("u", "p");
        SftpEndpoint same = new SftpEndpoint(s.host(), s.port(), s.user(), s.password(), null, null, "/files/", "files", null, null, null, null);
        assertThat(locations(List.of(TestProfiles.pipe().withSftp(same)))).containsExactly("bank DEMO-PIPE / sftp.outbox");
    }

    @Test
    void noProfilesIsAProblem() {
        assertThat(validator.validate(List.of())).hasSize(1);
    }

    private List<String> locations(List<BankProfile> profiles) {
        return validator.validate(profiles).stream().map(Problem::location).toList();
    }
}
