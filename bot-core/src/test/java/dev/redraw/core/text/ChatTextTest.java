package dev.redraw.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChatTextTest {

    private static final String SUFFIX = "\nModel: gemini-2.5-flash-image";

    @Test
    void captionThatFitsIsPromptAndSuffix() {
        assertThat(ChatText.caption("a red fox", SUFFIX)).isEqualTo("a red fox" + SUFFIX);
    }

    @Test
    void captionOfExactlyTheLimitIsKeptWhole() {
        String prompt = "x".repeat(ChatText.CAPTION_LIMIT - SUFFIX.length());

        assertThat(ChatText.caption(prompt, SUFFIX)).isEqualTo(prompt + SUFFIX);
    }

    @Test
    void captionOneOverTheLimitIsShortenedWithAnEllipsis() {
        String prompt = "x".repeat(ChatText.CAPTION_LIMIT - SUFFIX.length() + 1);

        String caption = ChatText.caption(prompt, SUFFIX);

        assertThat(caption).hasSize(ChatText.CAPTION_LIMIT).endsWith("x…" + SUFFIX);
    }

    @Test
    void longPromptIsCutAfterAWholeWord() {
        String prompt = "a lighthouse at dusk, oil painting, ".repeat(50);

        String caption = ChatText.caption(prompt, SUFFIX);

        assertThat(caption.length()).isLessThanOrEqualTo(ChatText.CAPTION_LIMIT);
        assertThat(caption).endsWith("…" + SUFFIX);
        String kept = caption.substring(0, caption.length() - SUFFIX.length() - 1);
        assertThat(prompt).startsWith(kept);
        assertThat(kept).doesNotEndWith(" ");
        assertThat(Character.isWhitespace(prompt.charAt(kept.length()))
                        || !Character.isLetter(prompt.charAt(kept.length())))
                .as("cut at a word boundary: '%s|%s'", kept.substring(kept.length() - 10), prompt.charAt(kept.length()))
                .isTrue();
        assertThat(kept.length()).isGreaterThan(ChatText.CAPTION_LIMIT - SUFFIX.length() - 150);
    }

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = {10, 11, 12, 13, 50, 51, 1024})
    void captionNeverCutsASurrogatePair(int limit) {
        String prompt = "😀".repeat(600);

        String caption = ChatText.caption(prompt, "!", limit);

        assertThat(caption.length()).isLessThanOrEqualTo(limit);
        assertThat(caption).endsWith("…!");
        assertThat(hasLoneSurrogate(caption)).isFalse();
        assertThat(prompt).startsWith(caption.substring(0, caption.length() - 2));
    }

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = {20, 21, 22, 23, 24, 25, 26, 27})
    void captionKeepsEmojiSequencesWhole(int limit) {
        String family = "👨‍👩‍👧"; // three emoji joined: 8 UTF-16 units
        String prompt = family.repeat(20);

        String caption = ChatText.caption(prompt, "", limit);
        String kept = caption.substring(0, caption.length() - 1);

        assertThat(kept.length() % family.length()).isZero();
        assertThat(kept.length()).isGreaterThan(limit - 1 - family.length());
    }

    @Test
    void chineseCaptionIsCutAsLateAsPossible() {
        String prompt = "一只在雪地里奔跑的红狐狸".repeat(200);

        String caption = ChatText.caption(prompt, "\n模型：m1");

        assertThat(caption).hasSize(ChatText.CAPTION_LIMIT).endsWith("…\n模型：m1");
    }

    @Test
    void suffixLongerThanTheLimitIsShortenedItself() {
        String caption = ChatText.caption("a cat", "s".repeat(30), 20);

        assertThat(caption).isEqualTo("s".repeat(19) + "…");
    }

    @Test
    void shortTextIsOnePieceAndEmptyTextNone() {
        assertThat(ChatText.split("hello")).containsExactly("hello");
        assertThat(ChatText.split("")).isEmpty();
        String full = "y".repeat(ChatText.MESSAGE_LIMIT);
        assertThat(ChatText.split(full)).containsExactly(full);
    }

    @Test
    void splitsAtTheLastParagraphBreak() {
        String text = "first paragraph\nstill first\n\nsecond paragraph";

        assertThat(ChatText.split(text, 40)).containsExactly("first paragraph\nstill first\n\n", "second paragraph");
    }

    @Test
    void splitsAtALineBreakWhenNoParagraphBreakIsLateEnough() {
        String text = "ab\n\nfirst line of text\nsecond line goes on";

        assertThat(ChatText.split(text, 30)).containsExactly("ab\n\nfirst line of text\n", "second line goes on");
    }

    @Test
    void splitsBetweenWordsWhenThereIsNoLineBreak() {
        String text = "one two three four five six seven";

        assertThat(ChatText.split(text, 16)).containsExactly("one two three ", "four five six ", "seven");
    }

    @Test
    void splitsChineseBetweenCharacters() {
        String text = "一只红狐狸".repeat(5);

        List<String> pieces = ChatText.split(text, 10);

        assertThat(pieces).hasSize(3).allMatch(piece -> piece.length() <= 10);
        assertThat(String.join("", pieces)).isEqualTo(text);
    }

    @Test
    void cutsAWordLongerThanAPiece() {
        String text = "x".repeat(25);

        assertThat(ChatText.split(text, 10)).containsExactly("x".repeat(10), "x".repeat(10), "x".repeat(5));
    }

    @Test
    void neverCutsASurrogatePairEvenInsideALongRun() {
        String text = "a" + "😀".repeat(20);

        List<String> pieces = ChatText.split(text, 10);

        assertThat(pieces).allMatch(piece -> piece.length() <= 10 && !hasLoneSurrogate(piece));
        assertThat(String.join("", pieces)).isEqualTo(text);
    }

    @Test
    void splitsALongReportIntoMessages() {
        String line = "2025-02-28 telegram:1234567 chat -1001234567890 gemini-2.5-flash-image 12\n";
        String text = line.repeat(300);

        List<String> pieces = ChatText.split(text);

        assertThat(pieces).hasSizeGreaterThan(5).allMatch(piece -> piece.length() <= ChatText.MESSAGE_LIMIT);
        assertThat(pieces).allMatch(piece -> piece.endsWith("\n") && piece.startsWith("2025"));
        assertThat(String.join("", pieces)).isEqualTo(text);
    }

    static Stream<Arguments> randomTexts() {
        String[] alphabet = {"a", "b", "c", " ", " ", "\n", "\n\n", "😀", "中", "文", "é", "👨‍👩‍👧", "\t"};
        Random random = new Random(20250301);
        return IntStream.range(0, 40).mapToObj(i -> {
            StringBuilder text = new StringBuilder();
            int parts = random.nextInt(400);
            for (int p = 0; p < parts; p++) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            return Arguments.of(text.toString(), 2 + random.nextInt(60));
        });
    }

    @ParameterizedTest(name = "text {index}, limit {1}")
    @MethodSource("randomTexts")
    void piecesFitAndGiveTheTextBackExactly(String text, int limit) {
        List<String> pieces = ChatText.split(text, limit);

        assertThat(String.join("", pieces)).isEqualTo(text);
        assertThat(pieces).allMatch(piece -> !piece.isEmpty() && piece.length() <= limit);
        assertThat(pieces).noneMatch(ChatTextTest::hasLoneSurrogate);
    }

    @Test
    void refusesALimitTooSmallForAWholeCharacter() {
        assertThatThrownBy(() -> ChatText.split("abc", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
