package dev.redraw.app.config;

import static dev.redraw.app.config.Fixtures.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServerConfigTest {

    @Test
    void withoutAServerSectionNoServerRunsAndNoLinksCanBeMade() {
        ServerConfig server = Fixtures.load(MINIMAL).server();

        assertThat(server).isEqualTo(ServerConfig.defaults());
        assertThat(server.port()).isEmpty();
        assertThat(server.bind()).isEqualTo("127.0.0.1");
        assertThat(server.publicUrl()).isEmpty();
        assertThat(server.linkLifetime()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void everyKeyIsRead() {
        ServerConfig server = Fixtures.load(MINIMAL + """
                server:
                  port: 8080
                  bind: 0.0.0.0
                  public-url: https://redraw.example.com/bot/
                  link-lifetime: 30m
                  max-requests: 8
                  tree-lifetime: 2d
                """).server();

        assertThat(server)
                .isEqualTo(new ServerConfig(
                        OptionalInt.of(8080),
                        "0.0.0.0",
                        Optional.of(URI.create("https://redraw.example.com/bot/")),
                        Duration.ofMinutes(30),
                        8,
                        Duration.ofDays(2)));
    }

    @Test
    void portZeroTakesAnyFreePort() {
        assertThat(Fixtures.load(MINIMAL + "server:\n  port: 0\n").server().port())
                .hasValue(0);
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of(
                        "server:\n  port: 8080\n  public-url: redraw.example.com\n",
                        "server.public-url",
                        "'redraw.example.com' is not an absolute http or https URL"),
                Arguments.of(
                        "server:\n  port: 8080\n  public-url: /i/\n",
                        "server.public-url",
                        "'/i/' is not an absolute http or https URL"),
                Arguments.of(
                        "server:\n  port: 8080\n  public-url: ftp://redraw.example.com\n",
                        "server.public-url",
                        "'ftp://redraw.example.com' is not an absolute http or https URL"),
                Arguments.of(
                        "server:\n  port: 8080\n  public-url: https://redraw.example.com/?a=b\n",
                        "server.public-url",
                        "must not carry a user, a query or a fragment"),
                Arguments.of(
                        "server:\n  public-url: https://redraw.example.com\n",
                        "server.port",
                        "required because public-url is set"),
                Arguments.of("server:\n  port: -1\n", "server.port", "-1 is out of range; expected 0 to 65535"),
                Arguments.of("server:\n  port: 65536\n", "server.port", "out of range"),
                Arguments.of("server:\n  port: eighty\n", "server.port", "eighty"),
                Arguments.of("server:\n  port: 8080\n  link-lifetime: 10s\n", "server.link-lifetime", "out of range"),
                Arguments.of("server:\n  port: 8080\n  max-requests: 0\n", "server.max-requests", "out of range"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void aMistakeIsOneLineNamingTheKey(String yaml, String key, String problem) {
        ConfigException failure = Fixtures.failure(MINIMAL + yaml);

        assertThat(failure.getMessage())
                .startsWith(key + ": ")
                .contains(problem)
                .doesNotContain("\n");
    }
}
