package org.jincai.formats.iso20022;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IsoTextTest {

    @Test
    void truncatesWithoutSplittingASurrogatePair() {
        assertThat(IsoText.truncate("𠀀𠀁𠀂", 4)).isEqualTo("𠀀𠀁");
        assertThat(IsoText.truncate("𠀀𠀁𠀂", 3)).isEqualTo("𠀀");
        assertThat(IsoText.truncate("张伟", 140)).isEqualTo("张伟");
        assertThat(IsoText.truncate(null, 5)).isNull();
    }

    @Test
    void splitsAtSpacesSoAJoinWithASpaceRestoresTheText() {
        String text = "收款账户 已销户 account closed at the payee bank";

        assertThat(IsoText.split(text, 12)).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(12));
        assertThat(String.join(" ", IsoText.split(text, 12))).isEqualTo(text);
    }

    @Test
    void splitsAWordLongerThanTheLimitHard() {
        assertThat(IsoText.split("ABCDEFGHIJ", 4)).containsExactly("ABCD", "EFGH", "IJ");
        assertThat(IsoText.split("𠀀𠀀𠀀", 3)).containsExactly("𠀀", "𠀀", "𠀀");
    }
}
