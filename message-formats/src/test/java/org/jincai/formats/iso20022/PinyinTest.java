package org.jincai.formats.iso20022;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jincai.formats.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PinyinTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "张伟, Zhang Wei",
            "王小明, Wang Xiaoming",
            "欧阳文峰, Ouyang Wenfeng",
            "司马光, Sima Guang",
            "单雄信, Shan Xiongxin",
            "曾国藩, Zeng Guofan",
            "吕布, Lyu Bu",
            "王西安, Wang Xi'an",
            "Zhang Wei, Zhang Wei"})
    void writesPersonalNamesAsSurnameAndGivenName(String name, String expected) {
        assertThat(Pinyin.name(name, Pinyin.Unknown.ERROR, "Cdtr/Nm")).isEqualTo(expected);
    }

    @Test
    void writesOtherTextOneSyllablePerCharacter() {
        assertThat(Pinyin.name("北京某某科技有限公司", Pinyin.Unknown.ERROR, "Cdtr/Nm"))
                .isEqualTo("Bei Jing Mou Mou Ke Ji You Xian Gong Si");
        assertThat(Pinyin.text("2026年11月工资（绩效）", Pinyin.Unknown.ERROR, "Ustrd"))
                .isEqualTo("2026 Nian 11 Yue Gong Zi(Ji Xiao)");
    }

    @Test
    void mapsFullWidthFormsPunctuationAndAccents() {
        assertThat(Pinyin.text("ＡＢＣ１２３，。：", Pinyin.Unknown.ERROR, "x")).isEqualTo("ABC123,.:");
        assertThat(Pinyin.text("Société Générale", Pinyin.Unknown.ERROR, "x")).isEqualTo("Societe Generale");
    }

    @Test
    void anUnknownCharacterIsAnErrorOrItsCodePointNeverAQuestionMark() {
        assertThatThrownBy(() -> Pinyin.text("张伟😀", Pinyin.Unknown.ERROR, "Cdtr/Nm"))
                .isInstanceOf(FormatException.class)
                .extracting(e -> ((FormatException) e).code()).isEqualTo(IsoProblemCodes.ISO_TRANSLITERATION_FAILED);

        assertThat(Pinyin.text("张伟😀", Pinyin.Unknown.CODE_POINT, "Cdtr/Nm")).isEqualTo("Zhang Wei[U+1F600]");
    }

    @Test
    void coversRareNameCharactersOutsideGb2312() {
        assertThat(Pinyin.name("王喆", Pinyin.Unknown.ERROR, "x")).isEqualTo("Wang Zhe");
        assertThat(Pinyin.name("李堃", Pinyin.Unknown.ERROR, "x")).isEqualTo("Li Kun");
    }

    /** Every character of GB 2312 (levels 1 and 2, the 6,763 characters of everyday names) has a reading. */
    @Test
    void icuReadsEveryCharacterOfGb2312() {
        java.nio.charset.Charset gb2312 = java.nio.charset.Charset.forName("GB2312");
        int han = 0;
        java.util.List<String> missing = new java.util.ArrayList<>();
        for (int hi = 0xB0; hi <= 0xF7; hi++) {
            for (int lo = 0xA1; lo <= 0xFE; lo++) {
                String c = new String(new byte[] {(byte) hi, (byte) lo}, gb2312);
                if (c.length() != 1 || Character.UnicodeScript.of(c.charAt(0)) != Character.UnicodeScript.HAN) {
                    continue;
                }
                han++;
                if (Pinyin.syllable(c.charAt(0)) == null) {
                    missing.add(c);
                }
            }
        }
        assertThat(han).isEqualTo(6763);
        assertThat(missing).isEmpty();
        assertThat(Pinyin.syllable('女')).isEqualTo("nyu");
        assertThat(Pinyin.syllable('绿')).isEqualTo("lyu");
    }
}
