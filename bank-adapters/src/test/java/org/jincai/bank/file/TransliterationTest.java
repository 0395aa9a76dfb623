package org.jincai.bank.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.jincai.bank.profile.TransliterationPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransliterationTest {

    private static final Charset GBK = Charset.forName("GBK");

    @Test
    void aNameGbkEncodesIsLeftExactlyAsItIsUnderRefuseAndTransliterate() {
        for (TransliterationPolicy policy : new TransliterationPolicy[] {TransliterationPolicy.REFUSE,
                TransliterationPolicy.TRANSLITERATE}) {
            assertThat(Transliteration.forCharset("欧阳·娜娜", GBK, policy)).contains("欧阳·娜娜");
            assertThat(Transliteration.forCharset("Zoé Lü", GBK, policy)).contains("Zoé Lü"); // pinyin letters are in GBK
        }
    }

    @Test
    void underRefuseACharacterOutsideGbkMeansNoName() {
        assertThat(Transliteration.forCharset("张𠮷", GBK, TransliterationPolicy.REFUSE)).isEmpty();
        assertThat(Transliteration.firstUnencodable("张𠮷", GBK)).isEqualTo("'𠮷' (U+20BB7)");
        assertThat(Transliteration.firstUnencodable("张三", GBK)).isNull();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "张𠮷, 张吉",                  // table: a surname variant outside GBK
            "刘䶮, 刘龑",                   // table: CJK extension A
            "买买提•艾力, 买买提·艾力",      // table: minority-name separators
            "阿依古丽・吐尔逊, 阿依古丽·吐尔逊",
            "Søren Ødegård, Soren Odegard", // table, then diacritics off
            "Muñoz, Munoz",                 // decomposition: n + combining tilde
            "Straße, Strasse",
            "ﬁona, fiona"                   // compatibility form (a ligature)
    })
    void underTransliterateEachCharacterOutsideGbkGetsItsKnownForm(String name, String expected) {
        String carried = Transliteration.forCharset(name, GBK, TransliterationPolicy.TRANSLITERATE).orElseThrow();
        assertThat(carried).isEqualTo(expected);
        assertThat(GBK.newEncoder().canEncode(carried)).isTrue();
    }

    @Test
    void aCharacterWithNoKnownFormIsRefusedEvenUnderTransliterateNeverAQuestionMark() {
        assertThat(Transliteration.forCharset("王\uD845\uDC84", GBK, TransliterationPolicy.TRANSLITERATE)).isEmpty(); // 王𡒄
        assertThat(Transliteration.forCharset("©", GBK, TransliterationPolicy.TRANSLITERATE)).isEmpty();
    }

    @Test
    void utf8CarriesEverything() {
        assertThat(Transliteration.forCharset("王\uD845\uDC84", StandardCharsets.UTF_8, TransliterationPolicy.REFUSE))
                .contains("王\uD845\uDC84");
    }

    @Test
    void everyTableEntryIsOutsideGbkAndItsReplacementInside() {
        Transliteration.TABLE.forEach((cp, replacement) -> {
            assertThat(GBK.newEncoder().canEncode(new String(Character.toChars(cp)))).as("U+%04X", cp).isFalse();
            assertThat(GBK.newEncoder().canEncode(replacement)).as(replacement).isTrue();
        });
    }

    @Test
    void underThePinyinPolicyEveryNameIsWrittenInPinyinEvenWhenTheCharsetCarriesIt() {
        assertThat(Transliteration.forCharset("单雄信", GBK, TransliterationPolicy.PINYIN)).contains("Shan Xiongxin");
        assertThat(Transliteration.forCharset("Zhang Wei", GBK, TransliterationPolicy.PINYIN)).contains("Zhang Wei");
        assertThat(Transliteration.forCharset("张伟\uD83D\uDE00", StandardCharsets.UTF_8, TransliterationPolicy.PINYIN))
                .as("a character with no reading").isEmpty();
    }
}
