package dev.redraw.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README says open source: the licence it names is shipped, and the build says the same one. */
class LicenseIT {

    private static final Path ROOT = Path.of(System.getProperty("redraw.root"));

    @Test
    void theLicenceTheReadmeNamesIsShippedAndDeclaredInThePom() throws Exception {
        String license = Files.readString(ROOT.resolve("LICENSE"));
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        String readme = Files.readString(ROOT.resolve("README.md"));

        assertThat(license).contains("Apache License", "Version 2.0, January 2004", "TERMS AND CONDITIONS");
        assertThat(pom).containsPattern("(?s)<licenses>\\s*<license>\\s*<name>Apache-2.0</name>");
        assertThat(readme).contains("Apache License 2.0; see [LICENSE](LICENSE).");
    }
}
