package dev.redraw.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

class LayerRulesTest {

    /** With two platforms, a platform type in the core would tie every feature to one of them. */
    static final ArchRule CORE_KNOWS_NO_PLATFORM = noClasses()
            .that()
            .resideInAPackage("dev.redraw.core..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("net.dv8tion..", "org.telegram..")
            .because("bot-core is platform-neutral; Discord and Telegram live in their adapters");

    /** Packages that depend on each other cannot be understood, tested or changed apart. */
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("dev.redraw.core.(*)..")
            .should()
            .beFreeOfCycles()
            .because("each package of bot-core builds on the ones below it");

    /**
     * The domain and its use cases speak of turns, jobs and refusals; HTTP and SQL belong to the
     * dialects (provider) and the JDBC stores (storage), the adapters of the core's ports.
     */
    static final ArchRule DOMAIN_KNOWS_NO_HTTP_OR_SQL = noClasses()
            .that()
            .resideInAnyPackage(
                    "dev.redraw.core.access..",
                    "dev.redraw.core.conversation..",
                    "dev.redraw.core.generation..",
                    "dev.redraw.core.history..",
                    "dev.redraw.core.image..",
                    "dev.redraw.core.job..",
                    "dev.redraw.core.model..",
                    "dev.redraw.core.quota..",
                    "dev.redraw.core.refusal..",
                    "dev.redraw.core.request..",
                    "dev.redraw.core.settings..",
                    "dev.redraw.core.text..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("okhttp3..", "java.sql..", "javax.sql..")
            .because("the dialects and the JDBC stores adapt the core's ports to HTTP and SQL");

    private static final com.tngtech.archunit.core.domain.JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.redraw.core");

    @Test
    void coreImportsNoDiscordOrTelegramType() {
        CORE_KNOWS_NO_PLATFORM.allowEmptyShould(false).check(CORE);
    }

    @Test
    void corePackagesHaveNoCycles() {
        NO_PACKAGE_CYCLES.check(CORE);
    }

    @Test
    void theDomainImportsNeitherOkHttpNorJdbc() {
        DOMAIN_KNOWS_NO_HTTP_OR_SQL.allowEmptyShould(false).check(CORE);
    }
}
