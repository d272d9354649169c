package dev.redraw.core.testing;

import dev.redraw.core.conversation.ConversationStore;
import dev.redraw.core.request.ChatServices;
import dev.redraw.core.settings.SettingsStore;
import dev.redraw.core.storage.StorageException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Stores that fail on every call while a test says so, by default like a read-only database, and
 * work again when it {@link #heal()}s them.
 */
public final class StoreFaults {

    private final AtomicReference<Supplier<? extends RuntimeException>> failure = new AtomicReference<>();

    /** How H2 fails a write to a read-only database. */
    public static RuntimeException readOnly() {
        return new StorageException(new SQLException("The database is read only", "90097"));
    }

    /** Every call of a store this wrapped fails like a read-only database from now on. */
    public void breakStorage() {
        failWith(StoreFaults::readOnly);
    }

    /** Every call of a store this wrapped throws what {@code failure} makes from now on. */
    public void failWith(Supplier<? extends RuntimeException> failure) {
        this.failure.set(failure);
    }

    public void heal() {
        failure.set(null);
    }

    /** {@code real}, failing while this says so. */
    public <T> T wrap(Class<T> type, T real) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(real, args);
            }
            Supplier<? extends RuntimeException> fail = failure.get();
            if (fail != null) {
                throw fail.get();
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
        return type.cast(proxy);
    }

    /** The services with their settings wrapped by this, as platform adapters and result actions see them. */
    public ChatServices settingsOf(ChatServices s) {
        return with(s, wrap(SettingsStore.class, s.settings()), s.conversations());
    }

    /** The services with their conversations wrapped by this, as platform adapters and result actions see them. */
    public ChatServices conversationsOf(ChatServices s) {
        return with(s, s.settings(), wrap(ConversationStore.class, s.conversations()));
    }

    private static ChatServices with(ChatServices s, SettingsStore settings, ConversationStore conversations) {
        return s.over(settings, conversations);
    }
}
