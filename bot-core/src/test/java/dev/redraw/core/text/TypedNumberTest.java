package dev.redraw.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.text.TypedNumber.Kind;
import dev.redraw.core.text.TypedNumber.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TypedNumberTest {

    private static final Messages EN = Messages.forLanguage("en");
    private static final Messages ZH = Messages.forLanguage("zh");

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource({"12, 12", "#12, 12", "' 7 ', 7", "007, 7", "+3, 3", "１２, 12", "9007199254740991, 9007199254740991"})
    void wholeNumbersFromOneToTheLimitAreTaken(String typed, long expected) {
        assertThat(TypedNumber.parse(typed, Kind.JOB)).isEqualTo(new TypedNumber.Valid(expected));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource({
        "999999999999999999999, TOO_BIG",
        "9007199254740992, TOO_BIG",
        "9223372036854775808, TOO_BIG",
        "-5, NEGATIVE",
        "#-1, NEGATIVE",
        "−5, NEGATIVE",
        "0, ZERO",
        "-0, ZERO",
        "#000, ZERO",
        "abc, NOT_A_NUMBER",
        "1.5, NOT_A_NUMBER",
        "1e3, NOT_A_NUMBER",
        "'', NOT_A_NUMBER",
        "#, NOT_A_NUMBER",
        "12 34, NOT_A_NUMBER",
        "0x10, NOT_A_NUMBER",
        "--1, NOT_A_NUMBER"
    })
    void everythingElseSaysWhatIsWrong(String typed, Problem problem) {
        assertThat(TypedNumber.parse(typed, Kind.IMAGE)).isInstanceOfSatisfying(TypedNumber.Invalid.class, invalid -> {
            assertThat(invalid.problem()).isEqualTo(problem);
            assertThat(invalid.kind()).isEqualTo(Kind.IMAGE);
        });
    }

    @Test
    void aLongTypedTextIsShortenedWhenRepeated() {
        var invalid = (TypedNumber.Invalid) TypedNumber.parse("9".repeat(5000), Kind.JOB);

        assertThat(invalid.typed()).hasSize(TypedNumber.ECHO_LIMIT).endsWith("…");
        assertThat(EN.numberProblem(invalid)).hasSizeLessThan(200);
    }

    @Test
    void theAnswerNamesTheProblemAndTheRangeInTheUsersLanguage() {
        var tooBig = (TypedNumber.Invalid) TypedNumber.parse("999999999999999999999", Kind.JOB);
        var negative = (TypedNumber.Invalid) TypedNumber.parse("-3", Kind.IMAGE);

        assertThat(EN.numberProblem(tooBig))
                .isEqualTo("999999999999999999999 is too big. Job numbers are whole numbers from 1 to"
                        + " 9,007,199,254,740,991, like the 12 in “job #12”.");
        assertThat(EN.numberProblem(negative))
                .isEqualTo("-3 is a negative number. Image numbers are whole numbers from 1 to 9,007,199,254,740,991.");
        assertThat(ZH.numberProblem(tooBig)).startsWith("999999999999999999999 太大了。任务编号是 1 到");
        MessagesTest.assertChinese(ZH.numberProblem(negative), java.util.List.of());
    }
}
