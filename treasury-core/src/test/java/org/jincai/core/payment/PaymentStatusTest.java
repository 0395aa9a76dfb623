package org.jincai.core.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class PaymentStatusTest {

    @ParameterizedTest
    @CsvSource({
            "RECEIVED,VALIDATED", "VALIDATED,RESERVED", "RESERVED,PENDING_APPROVAL", "PENDING_APPROVAL,APPROVED",
            "APPROVED,RELEASED", "RELEASED,SENT", "SENT,ACCEPTED", "SENT,REJECTED", "ACCEPTED,PAID",
            "ACCEPTED,FAILED", "REJECTED,FAILED", "PAID,RECEIPTED", "FAILED,RECEIPTED", "RECEIPTED,RECONCILED",
            "PAID,RECONCILED", "PAID,RETURNED", "RECONCILED,RETURNED", "APPROVED,CANCELLED", "RECEIVED,CANCELLED"})
    void theDesignedPathIsAllowed(PaymentStatus from, PaymentStatus to) {
        assertThat(from.canMoveTo(to)).isTrue();
        from.requireMoveTo(to, "p1");
    }

    @ParameterizedTest
    @CsvSource({
            "RECEIVED,SENT", "VALIDATED,APPROVED", "APPROVED,SENT", "SENT,APPROVED", "SENT,PAID", "REJECTED,PAID",
            "REJECTED,ACCEPTED", "ACCEPTED,REJECTED", "RELEASED,CANCELLED", "SENT,CANCELLED", "PAID,FAILED",
            "RECEIPTED,PAID"})
    void shortcutsAndReversalsAreRefusedWithACode(PaymentStatus from, PaymentStatus to) {
        assertThat(from.canMoveTo(to)).isFalse();
        assertThatThrownBy(() -> from.requireMoveTo(to, "p1"))
                .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                    assertThat(e.code()).isEqualTo("ILLEGAL_TRANSITION");
                    assertThat(e.location()).isEqualTo("payment p1");
                    assertThat(e.from()).isEqualTo(from);
                    assertThat(e.to()).isEqualTo(to);
                });
    }

    @ParameterizedTest
    @EnumSource(value = PaymentStatus.class, names = {"RETURNED", "CANCELLED"})
    void terminalStatesGoNowhere(PaymentStatus terminal) {
        assertThat(terminal.next()).isEmpty();
    }

    @Test
    void noStateMovesToItselfOrBackToReceived() {
        for (PaymentStatus s : PaymentStatus.values()) {
            assertThat(s.next()).doesNotContain(s, PaymentStatus.RECEIVED);
        }
    }

    @Test
    void everyStateButReceivedCanBeReached() {
        EnumSet<PaymentStatus> reachable = EnumSet.noneOf(PaymentStatus.class);
        for (PaymentStatus s : PaymentStatus.values()) {
            reachable.addAll(s.next());
        }
        assertThat(EnumSet.complementOf(reachable)).containsExactly(PaymentStatus.RECEIVED);
    }
}
