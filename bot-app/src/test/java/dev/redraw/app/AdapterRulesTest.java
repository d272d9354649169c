package dev.redraw.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.redraw.core.conversation.ConversationStore;
import dev.redraw.core.conversation.ImageStore;
import dev.redraw.core.job.JobStore;
import dev.redraw.core.settings.SettingsStore;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules of the seam between the core and the chat platform adapters. */
class AdapterRulesTest {

    /**
     * The job runner's delivery to each platform, which still reads and links turns and images
     * itself; every other adapter class goes through the core's use cases.
     */
    private static final Set<String> DELIVERY =
            Set.of("dev.redraw.telegram.Delivery", "dev.redraw.discord.DiscordDelivery");

    private static final DescribedPredicate<JavaClass> OUTSIDE_DELIVERY = DescribedPredicate.describe(
            "are not part of the delivery " + DELIVERY,
            type -> !DELIVERY.contains(type.getName().split("\\$", 2)[0]));

    /** Every use case lives in the core once; an adapter that used a store would own a use case of its own. */
    static final ArchRule ADAPTERS_USE_NO_STORE = noClasses()
            .that()
            .resideInAnyPackage("dev.redraw.telegram..", "dev.redraw.discord..")
            .and(OUTSIDE_DELIVERY)
            .should()
            .dependOnClassesThat()
            .belongToAnyOf(ConversationStore.class, ImageStore.class, SettingsStore.class, JobStore.class)
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
