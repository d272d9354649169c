package dev.redraw.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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

    @Test
    void coreImportsNoDiscordOrTelegramType() {
        var core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.redraw.core");
        CORE_KNOWS_NO_PLATFORM.allowEmptyShould(false).check(core);
    }
}
