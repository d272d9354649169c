package dev.redraw.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.redraw.core.conversation.ConversationStore;
import dev.redraw.core.conversation.ImageStore;
import dev.redraw.core.job.JobStore;
import dev.redraw.core.request.ChatServices;
import dev.redraw.core.settings.SettingsStore;
import org.junit.jupiter.api.Test;

/** The rules of the seam between the core and the chat platform adapters. */
class AdapterRulesTest {

    /** Every use case lives in the core once; an adapter that used a store would own a use case of its own. */
    static final ArchRule ADAPTERS_USE_NO_STORE = noClasses()
            .that()
            .resideInAnyPackage("dev.redraw.telegram..", "dev.redraw.discord..")
            .should()
            .dependOnClassesThat()
            .belongToAnyOf(ConversationStore.class, ImageStore.class, SettingsStore.class, JobStore.class)
            .orShould()
            .callMethod(ChatServices.class, "conversations")
            .orShould()
            .callMethod(ChatServices.class, "images")
            .orShould()
            .callMethod(ChatServices.class, "settings")
            .because("adapters only translate: they call the core's use cases, never the stores");

    /** The adapters' own classes: neither their tests nor the test jars on this module's class path. */
    private static final ImportOption MAIN_CLASSES_ONLY =
            location -> !location.contains("/test-classes/") && !location.contains("-tests.jar");

    private static final JavaClasses ADAPTERS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(MAIN_CLASSES_ONLY)
            .importPackages("dev.redraw.telegram", "dev.redraw.discord");

    @Test
    void adaptersUseNoStoreDirectly() {
        ADAPTERS_USE_NO_STORE.allowEmptyShould(false).check(ADAPTERS);
    }
}
