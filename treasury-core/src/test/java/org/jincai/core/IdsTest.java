package org.jincai.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ordered ids: 32 lowercase hex digits, the milliseconds first, sorting in the order they were made. */
class IdsTest {

    @Test
    void orderedIdsAreHexWithTheirMillisecondsFirstAndSortInCreationOrder() {
        Clock clock = Clock.fixed(Instant.ofEpochMilli(0x18f2a3b4c5dL), ZoneOffset.UTC);
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            made.add(Ids.newOrderedId(clock));
        }

        assertThat(made).allMatch(id -> id.matches("[0-9a-f]{32}")).allMatch(id -> id.startsWith("0018f2a3b4c5d"))
                .doesNotHaveDuplicates().isSorted();
        assertThat(Ids.newOrderedId(Clock.fixed(Instant.ofEpochMilli(0x18f2a3b4c5eL), ZoneOffset.UTC)))
                .isGreaterThan(made.get(made.size() - 1));
    }
}
