package dev.redraw.core.storage;

import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A test class run once on each database the bot runs on. The engine is known before the
 * subclass's fields are initialised, so a field may open its database with {@code engine.open()}.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Engine.class)
public abstract class OnEachDatabase {

    protected final TestDatabase.Engine engine;

    protected OnEachDatabase(TestDatabase.Engine engine) {
        this.engine = engine;
    }
}
