package dev.redraw.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlagsTest {

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            a cat --ar 16:9                     | a cat              | 16:9 | -        | -
            --ar 16:9 a cat                     | a cat              | 16:9 | -        | -
            a --ar 16:9 cat                     | a cat              | 16:9 | -        | -
            a cat --ratio 3:4                   | a cat              | 3:4  | -        | -
            a cat --aspect 1:1                  | a cat              | 1:1  | -        | -
            a cat --model nano-banana           | a cat              | -    | nano-banana | -
            -m nano-banana a cat                | a cat              | -    | nano-banana | -
            a cat --size 2K                     | a cat              | -    | -        | 2K
            --size 4K a --model m2 cat --ar 9:16 | a cat             | 9:16 | m2       | 4K
            a cat --AR 16:9 --Size 4K -M m3     | a cat              | 16:9 | m3       | 4K
            a cat —ar 16:9                      | a cat              | 16:9 | -        | -
            a cat ——ar 16:9                     | a cat              | 16:9 | -        | -
            a cat –ar 16:9                      | a cat              | 16:9 | -        | -
            a cat —model m1 —size 1K            | a cat              | -    | m1       | 1K
            a cat --ar=16:9 --model=m1          | a cat              | 16:9 | m1       | -
            一只猫 --ar 16：9                    | 一只猫              | 16:9 | -        | -
            a cat --ar 16:9, in the snow        | a cat in the snow  | 16:9 | -        | -
            一只猫 --size 2K，在雪地里            | 一只猫 在雪地里      | -    | -        | 2K
            a cat --ar=16:9;at night            | a cat at night     | 16:9 | -        | -
            a dragon —like a snake              | a dragon —like a snake | - | -      | -
            1 -- 2 --- 3 --5                    | 1 -- 2 --- 3 --5   | -    | -        | -
            '  spaced   out  '                  | spaced   out       | -    | -        | -
            ''                                  | ''                 | -    | -        | -
            --ar 1:1                            | ''                 | 1:1  | -        | -
            a well-known cat -mm                | a well-known cat -mm | -  | -        | -
            """)
    void readsFlagsAnywhereAndKeepsTheRestAsTyped(String text, String prompt, String ratio, String model, String size) {
        assertThat(Flags.parse(text))
                .isEqualTo(new Flags.Parsed(
                        prompt, Optional.ofNullable(ratio), Optional.ofNullable(model), Optional.ofNullable(size)));
    }

    @Test
    void keepsLineBreaksWhereFlagsWereRemoved() {
        assertThat(Flags.parse("line one\n--ar 16:9\nline two --size 2K\n\nline three"))
                .isEqualTo(new Flags.Parsed(
                        "line one\nline two\n\nline three", Optional.of("16:9"), Optional.empty(), Optional.of("2K")));
        assertThat(Flags.parse("line one --ar 16:9\nline two"))
                .extracting(result -> ((Flags.Parsed) result).prompt())
                .isEqualTo("line one\nline two");
    }

    @Test
    void fullWidthSpacesSeparateWordsToo() {
        assertThat(Flags.parse("一只猫\u3000--ar\u300016:9"))
                .isEqualTo(new Flags.Parsed("一只猫", Optional.of("16:9"), Optional.empty(), Optional.empty()));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', textBlock = """
            a cat --foo bar            | --foo   | UNKNOWN
            a cat --Style=raw          | --Style | UNKNOWN
            a cat --ar                 | --ar    | MISSING_VALUE
            a cat --ar --size 2K       | --ar    | MISSING_VALUE
            a cat --model --wat        | --model | MISSING_VALUE
            -m                         | -m      | MISSING_VALUE
            a cat --ar= 16:9           | --ar    | MISSING_VALUE
            a cat —ar                  | —ar     | MISSING_VALUE
            a cat --size ,             | --size  | MISSING_VALUE
            a cat --ar 1:1 --ratio 2:3 | --ratio | REPEATED
            -m m1 a cat --model m2     | --model | REPEATED
            """)
    void namesTheFlagThatCannotBeUsed(String text, String flag, Flags.Problem problem) {
        assertThat(Flags.parse(text)).isEqualTo(new Flags.Invalid(flag, problem));
    }

    @Test
    void qualityIsReadInLowerCaseAnywhereInThePrompt() {
        assertThat(Flags.parse("a red fox --quality HIGH --ar 3:2"))
                .isEqualTo(new Flags.Parsed(
                        "a red fox", Optional.of("3:2"), Optional.empty(), Optional.empty(), Optional.of("high")));
        assertThat(Flags.parse("一只猫 ——quality=hd，在雪地里"))
                .isEqualTo(new Flags.Parsed(
                        "一只猫 在雪地里", Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("hd")));
        assertThat(Flags.parse("a fox --quality"))
                .isEqualTo(new Flags.Invalid("--quality", Flags.Problem.MISSING_VALUE));
        assertThat(Flags.parse("a fox --quality low --quality high"))
                .isEqualTo(new Flags.Invalid("--quality", Flags.Problem.REPEATED));
    }
}
