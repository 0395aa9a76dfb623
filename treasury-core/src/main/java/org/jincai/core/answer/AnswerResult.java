package org.jincai.core.answer;

/** What applying one bank answer file did: APPLIED (with counts) or DUPLICATE (seen before, nothing changed). */
public record AnswerResult(Outcome outcome, int accepted, int rejected, int alreadyApplied) {

    public enum Outcome { APPLIED, DUPLICATE }
}
