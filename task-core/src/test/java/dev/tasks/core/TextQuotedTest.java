package dev.tasks.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextQuotedTest {

    @Test
    void shortPrintableTextIsQuotedAsItIs() {
        assertThat(Text.quoted("region")).isEqualTo("region");
        assertThat(Text.quoted("caf\u00e9 \uD83C\uDF89")).isEqualTo("caf\u00e9 \uD83C\uDF89");
        assertThat(Text.quoted("")).isEmpty();
    }

    @Test
    void controlCharactersAndLoneSurrogatesBecomeTheReplacementCharacter() {
        assertThat(Text.quoted("a\nb\rc\u0000d\u0085e")).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe");
        assertThat(Text.quoted("x\uD800y\uDC00")).isEqualTo("x\uFFFDy\uFFFD");
    }

    @Test
    void longTextIsCutAtSixtyFourCharactersCountedInCodePoints() {
        assertThat(Text.quoted("a".repeat(64))).isEqualTo("a".repeat(64));
        assertThat(Text.quoted("a".repeat(65))).isEqualTo("a".repeat(64) + "\u2026");
        String emoji = "\uD83C\uDF89".repeat(100);
        assertThat(Text.quoted(emoji)).isEqualTo("\uD83C\uDF89".repeat(64) + "\u2026");
        assertThat(Text.quoted("b".repeat(150_000), 10)).isEqualTo("b".repeat(10) + "\u2026");
    }

    @Test
    void aMaximumBelowOneIsRefused() {
        assertThatThrownBy(() -> Text.quoted("x", 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max");
    }
}
