package dev.redraw.telegram;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.redraw.core.conversation.ConversationStore;
import dev.redraw.core.conversation.ImageStore;
import dev.redraw.core.job.JobStore;
import dev.redraw.core.request.ChatServices;
import dev.redraw.core.settings.SettingsStore;
import org.junit.jupiter.api.Test;

/** The core builds what to post and records what was posted; delivery only posts. */
class DeliveryUsesNoStoreTest {

    @Test
    void deliveryReachesNoStore() {
        noClasses()
                .that()
                .haveNameMatching("dev\\.redraw\\.telegram\\.Delivery(\\$.*)?")
                .should()
                .dependOnClassesThat()
                .areAssignableTo(ConversationStore.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(ImageStore.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(SettingsStore.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(JobStore.class)
                .orShould()
                .callMethod(ChatServices.class, "conversations")
                .orShould()
                .callMethod(ChatServices.class, "images")
                .orShould()
                .callMethod(ChatServices.class, "settings")
                .because("delivery posts what the core's ResultPosts prepares and records through it")
                .allowEmptyShould(false)
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.redraw.telegram"));
    }
}
