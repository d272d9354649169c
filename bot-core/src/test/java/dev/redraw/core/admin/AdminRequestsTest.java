package dev.redraw.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.admin.AdminRequests.Problem.Kind;
import dev.redraw.core.conversation.MessageRef;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdminRequestsTest {

    private static final AdminCommand.Target REPLIED = new AdminCommand.AuthorOf(new MessageRef("telegram", "1", "5"));

    private static AdminRequests.Parsed parse(String words) {
        return AdminRequests.parse(words, Optional.empty());
    }

    private static AdminRequests.Parsed command(AdminCommand command) {
        return new AdminRequests.Command(command);
    }

    @Test
    void readsEveryActionAsBothPlatformsWriteIt() {
        var alice = new AdminCommand.User("telegram:42");
        assertThat(parse("status")).isEqualTo(command(new AdminCommand.Status()));
        assertThat(parse("  PAUSE ")).isEqualTo(command(new AdminCommand.Pause()));
        assertThat(parse("resume")).isEqualTo(command(new AdminCommand.Resume()));
        assertThat(parse("reload")).isEqualTo(command(new AdminCommand.Reload()));
        assertThat(parse("ban Telegram:42")).isEqualTo(command(new AdminCommand.Ban(alice)));
        assertThat(parse("unban telegram:42")).isEqualTo(command(new AdminCommand.Unban(alice)));
        assertThat(parse("grant telegram:42 20")).isEqualTo(command(new AdminCommand.Grant(alice, 20)));
        assertThat(parse("grant discord:123456789012345678 +1000"))
                .isEqualTo(command(new AdminCommand.Grant(new AdminCommand.User("discord:123456789012345678"), 1000)));
    }

    @Test
    void aReplyNamesTheUserAndATypedOneWinsOverIt() {
        assertThat(AdminRequests.parse("ban", Optional.of(REPLIED))).isEqualTo(command(new AdminCommand.Ban(REPLIED)));
        assertThat(AdminRequests.parse("grant 5", Optional.of(REPLIED)))
                .isEqualTo(command(new AdminCommand.Grant(REPLIED, 5)));
        assertThat(AdminRequests.parse("ban discord:9", Optional.of(REPLIED)))
                .isEqualTo(command(new AdminCommand.Ban(new AdminCommand.User("discord:9"))));
    }

    @Test
    void nothingOrAnUnknownActionGetsTheList() {
        assertThat(parse("")).isEqualTo(new AdminRequests.Problem(Kind.USAGE, "", ""));
        assertThat(parse("nuke everything")).isEqualTo(new AdminRequests.Problem(Kind.USAGE, "nuke", "nuke"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ban|NO_USER|",
                "grant 5|NO_USER|",
                "ban bob|BAD_USER|bob",
                "ban @bob|BAD_USER|@bob",
                "ban slack:42|BAD_USER|slack:42",
                "ban telegram:|BAD_USER|telegram:",
                "ban telegram:-42|BAD_USER|telegram:-42",
                "ban telegram:0|BAD_USER|telegram:0",
                "ban telegram:9223372036854775808|BAD_USER|telegram:9223372036854775808",
                "ban telegram:99999999999999999999999|BAD_USER|telegram:99999999999999999999999",
                "grant telegram:42|BAD_COUNT|",
                "grant telegram:42 0|BAD_COUNT|0",
                "grant telegram:42 -5|BAD_COUNT|-5",
                "grant telegram:42 1001|BAD_COUNT|1001",
                "grant telegram:42 99999999999999999999|BAD_COUNT|99999999999999999999",
                "grant telegram:42 five|BAD_COUNT|five",
                "grant telegram:42 2.5|BAD_COUNT|2.5",
                "grant telegram:42 5 more|EXTRA_WORDS|more",
                "pause now|EXTRA_WORDS|now",
                "ban telegram:42 forever|EXTRA_WORDS|forever"
            })
    void whatIsWrongIsSaid(String words, Kind kind, String typed) {
        var parsed = (AdminRequests.Problem) parse(words);

        assertThat(parsed.kind()).isEqualTo(kind);
        assertThat(parsed.typed()).isEqualTo(typed == null ? "" : typed);
        assertThat(parsed.action()).isEqualTo(words.split(" ")[0]);
    }
}
