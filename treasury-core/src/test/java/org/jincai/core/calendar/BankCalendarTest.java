package org.jincai.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BankCalendarTest {

    final BankCalendar calendar = BankCalendar.standard();

    @ParameterizedTest
    @CsvSource({
            "2026-11-27, 2026-11-27",   // a Friday
            "2026-11-28, 2026-11-30",   // Saturday -> Monday
            "2026-11-29, 2026-11-30",   // Sunday -> Monday
            "2026-10-01, 2026-10-08",   // National Day week
            "2026-10-10, 2026-10-10",   // a Saturday banks work (调休上班)
            "2026-02-14, 2026-02-14",   // the Saturday before Spring Festival, worked
            "2026-02-15, 2026-02-24",   // Spring Festival
            "2026-09-25, 2026-09-28",   // Mid-Autumn, then Monday
            "2026-01-01, 2026-01-04"})  // New Year, then the Sunday banks work
    void settlementMovesToTheNextBankBusinessDay(LocalDate day, LocalDate settles) {
        assertThat(calendar.onOrAfter(day)).isEqualTo(settles);
    }

    @Test
    void aYearWithoutItsArrangementFallsBackToWeekendsAndFixedHolidays() {
        assertThat(calendar.covers(2027)).isFalse();
        assertThat(calendar.isBusinessDay(LocalDate.of(2027, 1, 1))).isFalse();
        assertThat(calendar.isBusinessDay(LocalDate.of(2027, 10, 4))).as("a Monday, not a fixed holiday").isTrue();
        assertThat(calendar.onOrAfter(LocalDate.of(2027, 5, 1))).isEqualTo(LocalDate.of(2027, 5, 3));
    }

    @Test
    void aLiveCalendarAnswersFromItsSourceAsItIsAtEachQuestion() {
        LocalDate wednesday = LocalDate.of(2028, 3, 1);
        AtomicReference<BankCalendar> source =
                new AtomicReference<>(BankCalendar.of(Map.of()));
        BankCalendar live = BankCalendar.live(source::get);
        assertThat(live.isBusinessDay(wednesday)).isTrue();
        assertThat(live.covers(2028)).isFalse();

        source.set(BankCalendar.of(Map.of(wednesday, false)));

        assertThat(live.isBusinessDay(wednesday)).isFalse();
        assertThat(live.onOrAfter(wednesday)).isEqualTo(wednesday.plusDays(1));
        assertThat(live.covers(2028)).isTrue();
    }

    @Test
    void aBadLineIsRefusedWithItsLineNumber() {
        assertThatThrownBy(() -> BankCalendar.read(new ByteArrayInputStream(
                "# ok\n2027-01-01\tHOLIDAY\tx\n2027-13-01\tHOLIDAY\tbad\n".getBytes(StandardCharsets.UTF_8)), "cal.tsv"))
                .hasMessageContaining("CALENDAR_INVALID at cal.tsv:3");
        assertThatThrownBy(() -> BankCalendar.read(new ByteArrayInputStream(
                "2027-01-01\tDAYOFF\n".getBytes(StandardCharsets.UTF_8)), "cal.tsv"))
                .hasMessageContaining("CALENDAR_INVALID at cal.tsv:1");
    }
}
