package org.jincai.formats.iso20022;

import com.prowidesoftware.swift.model.mx.MxPain00100109;
import com.prowidesoftware.swift.model.mx.dic.AccountIdentification4Choice;
import com.prowidesoftware.swift.model.mx.dic.ActiveOrHistoricCurrencyAndAmount;
import com.prowidesoftware.swift.model.mx.dic.AmountType4Choice;
import com.prowidesoftware.swift.model.mx.dic.BranchAndFinancialInstitutionIdentification6;
import com.prowidesoftware.swift.model.mx.dic.CashAccount38;
import com.prowidesoftware.swift.model.mx.dic.ClearingSystemIdentification2Choice;
import com.prowidesoftware.swift.model.mx.dic.ClearingSystemMemberIdentification2;
import com.prowidesoftware.swift.model.mx.dic.CreditTransferTransaction34;
import com.prowidesoftware.swift.model.mx.dic.CreditorReferenceInformation2;
import com.prowidesoftware.swift.model.mx.dic.CreditorReferenceType1Choice;
import com.prowidesoftware.swift.model.mx.dic.CreditorReferenceType2;
import com.prowidesoftware.swift.model.mx.dic.DocumentType3Code;
import com.prowidesoftware.swift.model.mx.dic.CustomerCreditTransferInitiationV09;
import com.prowidesoftware.swift.model.mx.dic.DateAndDateTime2Choice;
import com.prowidesoftware.swift.model.mx.dic.FinancialInstitutionIdentification18;
import com.prowidesoftware.swift.model.mx.dic.GenericAccountIdentification1;
import com.prowidesoftware.swift.model.mx.dic.GroupHeader85;
import com.prowidesoftware.swift.model.mx.dic.PartyIdentification135;
import com.prowidesoftware.swift.model.mx.dic.PaymentIdentification6;
import com.prowidesoftware.swift.model.mx.dic.PaymentInstruction30;
import com.prowidesoftware.swift.model.mx.dic.PaymentMethod3Code;
import com.prowidesoftware.swift.model.mx.dic.RemittanceInformation16;
import com.prowidesoftware.swift.model.mx.dic.StructuredRemittanceInformation16;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.regex.Pattern;
import org.jincai.formats.FormatException;

/**
 * Writes a {@link CreditTransferInitiation} as pain.001.001.09 through Prowide's model
 * ({@link MxPain00100109}), UTF-8, with a bare {@code <Document xmlns=...>}.
 *
 * <p>Chinese domestic usage: accounts are domestic account numbers in {@code Acct/Id/Othr/Id} (no
 * IBAN in China); banks are identified by their 12-digit CNAPS participant number in
 * {@code FinInstnId/ClrSysMmbId} with {@code ClrSysId/Cd = CNAPS}, the creditor bank's name in
 * {@code FinInstnId/Nm} when known. Amounts carry their currency with its minor units (CNY: 2).
 *
 * <p>The writer refuses what the XSD cannot catch (a bank number that is not 12 digits, an amount
 * with fen fractions or not positive, an unknown currency, a missing id) with a {@link FormatException};
 * lengths and patterns are left to the XSD, which every file the hub sends must pass
 * ({@link IsoXsdValidator}). It builds the whole message in memory, so it serves small messages and, in
 * the tests, as the cross-check of {@link Pain001StreamWriter}, the hub's writer for payrolls of any
 * size, which writes the same document (XML-equal). Instances are stateless and thread-safe.
 */
public final class Pain001V09Writer {

    public static final String MESSAGE_NAME_ID = "pain.001.001.09";
    /** The ExternalClearingSystemIdentification1Code of China's National Advanced Payment System. */
    public static final String CLEARING_SYSTEM_CNAPS = "CNAPS";
    /** RmtInf/Ustrd is Max140Text; longer remittance text is cut (see {@link IsoText}), the rest travels no further. */
    public static final int MAX_REMITTANCE_LENGTH = 140;

    private static final Pattern CNAPS_BANK_NUMBER = Pattern.compile("\\d{12}");

    /** The document as UTF-8 bytes. */
    public byte[] write(CreditTransferInitiation message) {
        MxPain00100109 mx = new MxPain00100109().setCstmrCdtTrfInitn(toDocument(message));
        return ProwideXml.bareDocument(mx);
    }

    /** Writes the whole document to {@code out}; nothing is written when the model is refused. */
    public void write(CreditTransferInitiation message, OutputStream out) {
        byte[] bytes = write(message);
        try {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    CustomerCreditTransferInitiationV09 toDocument(CreditTransferInitiation m) {
        String at = "pain.001 " + m.messageId();
        require(m.messageId(), "GrpHdr/MsgId", at);
        if (m.creationDateTime() == null) {
            throw IsoValues.missing("GrpHdr/CreDtTm", at);
        }
        if (m.paymentInstructions().isEmpty()) {
            throw IsoValues.missing("PmtInf", at);
        }
        CustomerCreditTransferInitiationV09 doc = new CustomerCreditTransferInitiationV09();
        BigDecimal total = BigDecimal.ZERO;
        int count = 0;
        int index = 0;
        for (PaymentInstruction p : m.paymentInstructions()) {
            PaymentInstruction30 block = toPaymentInstruction(p, at + " PmtInf[" + ++index + "]");
            doc.addPmtInf(block);
            total = total.add(block.getCtrlSum());
            count += block.getCdtTrfTxInf().size();
        }
        doc.setGrpHdr(new GroupHeader85()
                .setMsgId(m.messageId())
                .setCreDtTm(m.creationDateTime())
                .setNbOfTxs(Integer.toString(count))
                .setCtrlSum(total)
                .setInitgPty(party(m.initiatingPartyName())));
        return doc;
    }

    private PaymentInstruction30 toPaymentInstruction(PaymentInstruction p, String at) {
        require(p.paymentInformationId(), "PmtInfId", at);
        if (p.requestedExecutionDate() == null) {
            throw IsoValues.missing("ReqdExctnDt", at);
        }
        require(p.debtorAccount(), "DbtrAcct", at);
        require(p.debtorAgentMemberId(), "DbtrAgt", at);
        if (p.transactions().isEmpty()) {
            throw IsoValues.missing("CdtTrfTxInf", at);
        }
        PaymentInstruction30 block = new PaymentInstruction30()
                .setPmtInfId(p.paymentInformationId())
                .setPmtMtd(PaymentMethod3Code.TRF)
                .setBtchBookg(p.batchBooking())
                .setReqdExctnDt(new DateAndDateTime2Choice().setDt(p.requestedExecutionDate()))
                .setDbtr(party(p.debtorName()))
                .setDbtrAcct(account(p.debtorAccount()))
                .setDbtrAgt(agent(p.debtorAgentMemberId(), null, at + " DbtrAgt"));
        BigDecimal sum = BigDecimal.ZERO;
        int index = 0;
        for (CreditTransferTransaction t : p.transactions()) {
            CreditTransferTransaction34 tx = toTransaction(t, at + "/CdtTrfTxInf[" + ++index + "]");
            block.addCdtTrfTxInf(tx);
            sum = sum.add(tx.getAmt().getInstdAmt().getValue());
        }
        return block.setNbOfTxs(Integer.toString(p.transactions().size())).setCtrlSum(sum);
    }

    private CreditTransferTransaction34 toTransaction(CreditTransferTransaction t, String at) {
        require(t.endToEndId(), "PmtId/EndToEndId", at);
        if (t.amount() == null) {
            throw IsoValues.missing("Amt/InstdAmt", at);
        }
        CreditTransferTransaction34 tx = new CreditTransferTransaction34()
                .setPmtId(new PaymentIdentification6()
                        .setInstrId(IsoText.isBlank(t.instructionId()) ? null : t.instructionId())
                        .setEndToEndId(t.endToEndId()))
                .setAmt(new AmountType4Choice().setInstdAmt(new ActiveOrHistoricCurrencyAndAmount()
                        .setValue(IsoAmounts.forWriting(t.amount(), t.currency(), at + " Amt/InstdAmt"))
                        .setCcy(t.currency())));
        if (!IsoText.isBlank(t.creditorAgentMemberId()) || !IsoText.isBlank(t.creditorAgentName())) {
            tx.setCdtrAgt(agent(t.creditorAgentMemberId(), t.creditorAgentName(), at + " CdtrAgt"));
        }
        if (!IsoText.isBlank(t.creditorName())) {
            tx.setCdtr(party(t.creditorName()));
        }
        if (!IsoText.isBlank(t.creditorAccount())) {
            tx.setCdtrAcct(account(t.creditorAccount()));
        }
        RemittanceInformation16 rmtInf = null;
        if (!IsoText.isBlank(t.remittanceInformation())) {
            rmtInf = new RemittanceInformation16()
                    .addUstrd(IsoText.truncate(t.remittanceInformation().strip(), MAX_REMITTANCE_LENGTH));
        }
        CreditorReference ref = t.creditorReference();
        if (ref != null && !IsoText.isBlank(ref.reference())) {
            CreditorReferenceInformation2 info = new CreditorReferenceInformation2().setRef(ref.reference().strip());
            if (!IsoText.isBlank(ref.type()) || !IsoText.isBlank(ref.issuer())) {
                CreditorReferenceType2 type = new CreditorReferenceType2();
                if (!IsoText.isBlank(ref.type())) {
                    CreditorReferenceType1Choice choice = new CreditorReferenceType1Choice();
                    try {
                        choice.setCd(DocumentType3Code.valueOf(ref.type().strip()));
                    } catch (IllegalArgumentException notACode) {
                        choice.setPrtry(ref.type().strip());
                    }
                    type.setCdOrPrtry(choice);
                }
                if (!IsoText.isBlank(ref.issuer())) {
                    type.setIssr(ref.issuer());
                }
                info.setTp(type);
            }
            rmtInf = (rmtInf == null ? new RemittanceInformation16() : rmtInf)
                    .addStrd(new StructuredRemittanceInformation16().setCdtrRefInf(info));
        }
        if (rmtInf != null) {
            tx.setRmtInf(rmtInf);
        }
        return tx;
    }

    private static PartyIdentification135 party(String name) {
        return new PartyIdentification135().setNm(IsoText.isBlank(name) ? null : name);
    }

    private static CashAccount38 account(String number) {
        return new CashAccount38().setId(new AccountIdentification4Choice()
                .setOthr(new GenericAccountIdentification1().setId(number)));
    }

    private static BranchAndFinancialInstitutionIdentification6 agent(String memberId, String name, String at) {
        FinancialInstitutionIdentification18 fi = new FinancialInstitutionIdentification18();
        if (!IsoText.isBlank(memberId)) {
            if (!CNAPS_BANK_NUMBER.matcher(memberId).matches()) {
                throw new FormatException(IsoProblemCodes.ISO_BANK_NUMBER_INVALID,
                        "'" + memberId + "' is not a 12-digit CNAPS bank number", at);
            }
            fi.setClrSysMmbId(new ClearingSystemMemberIdentification2()
                    .setClrSysId(new ClearingSystemIdentification2Choice().setCd(CLEARING_SYSTEM_CNAPS))
                    .setMmbId(memberId));
        }
        if (!IsoText.isBlank(name)) {
            fi.setNm(name);
        }
        return new BranchAndFinancialInstitutionIdentification6().setFinInstnId(fi);
    }

    private static void require(String value, String what, String at) {
        if (IsoText.isBlank(value)) {
            throw IsoValues.missing(what, at);
        }
    }
}
