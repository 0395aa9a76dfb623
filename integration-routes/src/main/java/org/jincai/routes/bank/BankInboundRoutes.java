package org.jincai.routes.bank;

import java.io.ByteArrayInputStream;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.jincai.bank.BankFormats;
import org.jincai.bank.file.BankAnswer;
import org.jincai.bank.profile.BankProfile;
import org.jincai.core.CrashPoints;
import org.jincai.core.Digests;
import org.jincai.core.answer.AnswerResult;
import org.jincai.core.answer.BankAnswerService;
import org.jincai.core.answer.StatementService;
import org.jincai.core.bank.BankDirectory;
import org.jincai.core.finance.ReceiptService;
import org.jincai.routes.ReasonFiles;
import org.jincai.routes.RouteIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;

/**
 * Bank inbound: per bank, poll its SFTP outbox and apply each file once (keyed by name and SHA-256 in the
 * database, in the same transaction as its effects) — a status answer (pain.002, return file) through the
 * bank's answer reader, a camt.053 statement or camt.054 notification (for banks with a statement format)
 * through the statement service, which pays only what the bank booked, and kept as received under
 * {@code <home>/statements/<BANK>/} for reconciliation ({@link ReceivedStatements}) — then answer upstream the
 * vouchers it settled. The file is archived on the bank's server only after that commit; a file that cannot be read or
 * applied (a statement the reader found errors in, with every error's code) goes to the error folder with a
 * reason file beside it.
 *
 * <p>Each bank's outbox is polled on the route's own timer ({@code sftp.poll-interval}), or — {@link BankPolls}
 * on request — only when a message to {@value RouteIds#BANK_POLL_ENDPOINT} names the bank (header
 * {@value RouteIds#HEADER_BANK}): the scheduler's {@code bank-polling} schedule, fired by one node of the cluster.
 */
public class BankInboundRoutes extends RouteBuilder {

    static final String ACTOR = "route:bank-inbound";

    private static final Logger log = LoggerFactory.getLogger(BankInboundRoutes.class);

    private final BankDirectory banks;
    private final BankAnswerService answers;
    private final StatementService statements;
    private final ReceiptService receipts;
    private final SftpUris uris;
    private final ReceivedStatements received;
    private final BankPolls polls;

    /** Inbound routes polling on their own timers. */
    public BankInboundRoutes(BankDirectory banks, BankAnswerService answers, StatementService statements,
                             ReceiptService receipts, SftpUris uris, ReceivedStatements received) {
        this(banks, answers, statements, receipts, uris, received, BankPolls.timers());
    }

    /** Inbound routes polled as {@code polls} says: on their own timers or on request. */
    public BankInboundRoutes(BankDirectory banks, BankAnswerService answers, StatementService statements,
                             ReceiptService receipts, SftpUris uris, ReceivedStatements received, BankPolls polls) {
        this.polls = polls;
        this.banks = banks;
        this.answers = answers;
        this.statements = statements;
        this.receipts = receipts;
        this.uris = uris;
        this.received = received;
    }

    @Override
    public void configure() {
        for (BankProfile bank : banks.all()) {
            String consumer = uris.outboxConsumer(bank);
            if (polls.isOnRequest()) {
                String name = BankPolls.registryName(bank.code());
                getContext().getRegistry().bind(name, PollTrigger.class, polls.trigger(bank.code()));
                consumer = uris.outboxConsumer(bank, name);
            }
            from(consumer)
                    .routeId(RouteIds.bankInbound(bank.code()))
                    // the database ended a deadlock or a lock wait by rolling the whole file's transaction back:
                    // applied again at once (it is applied once, by its key); if it still cannot be, the file stays
                    // where it is for the next poll, not in the error folder
                    .onException(PessimisticLockingFailureException.class).handled(false)
                        .maximumRedeliveries(5).redeliveryDelay(200).useExponentialBackOff()
                    .end()
                    .onException(Exception.class).handled(false)
                        .process(ReasonFiles::prepare).to(uris.errorFolderProducer(bank.code(), bank.sftp()))
                    .end()
                    .process(e -> apply(bank, e));
        }
        if (polls.isOnRequest()) {
            // the scheduler's bank-polling schedule: one poll of the bank's outbox, in the firing's thread
            from(RouteIds.BANK_POLL_ENDPOINT).routeId(RouteIds.BANK_POLL)
                    .process(e -> e.getMessage().setBody(
                            polls.poll(e.getMessage().getHeader(RouteIds.HEADER_BANK, String.class)).name()));
        }
    }

    private void apply(BankProfile bank, Exchange e) throws Exception {
        String fileName = e.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        AnswerResult result = applyFile(bank, fileName, e.getMessage().getMandatoryBody(byte[].class));
        if (result != null) {
            receipts.settle(result.voucherIds());
        }
        CrashPoints.reached("answer-applied");
    }

    /**
     * Reads and applies one file from the bank: its result, or null when the same file was applied before.
     * Anything it throws is a coded {@code FormatException} or {@code TreasuryException}.
     */
    AnswerResult applyFile(BankProfile bank, String fileName, byte[] content) {
        boolean statement = bank.statementFormat() != null && StatementLines.isStatement(content, fileName);
        if (answers.alreadyApplied(bank.code(), fileName, Digests.sha256(content))) {
            log.info("{} from {} was applied before: archived without effect", fileName, bank.code());
            if (statement) {
                received.keep(bank.code(), fileName, content); // kept once: a crash may have come between
            }
            return null;
        }
        AnswerResult result;
        if (statement) {
            StatementLines.Read read = StatementLines.read(content, fileName);
            result = statements.apply(bank.code(), fileName, content, read.statementIds(), read.entries(),
                    read.warnings(), ACTOR);
            received.keep(bank.code(), fileName, content);
        } else {
            BankAnswer answer = BankFormats.answerReader(bank).read(fileName, new ByteArrayInputStream(content));
            result = answers.apply(bank.code(), content, answer, bank.answerSettles(), ACTOR);
        }
        log.info("{} from {}: {} ({} accepted, {} rejected)", fileName, bank.code(), result.outcome(),
                result.accepted(), result.rejected());
        return result;
    }
}
