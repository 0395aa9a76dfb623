package org.jincai.core.finance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import org.junit.jupiter.api.Test;

class GbkTextTest {

    @Test
    void charactersGbkCannotCarryAreNamedNotDropped() {
        String safe = GbkText.safe("AC04 户名\uD83D\uDE00不符 𠀀");

        assertThat(safe).isEqualTo("AC04 户名[U+1F600]不符 [U+20000]");
        assertThat(Charset.forName("GBK").newEncoder().canEncode(safe)).isTrue();
        assertThat(GbkText.safe("账户已销户")).isEqualTo("账户已销户");
        assertThat(GbkText.safe(null)).isNull();
    }
}
