package dev.redraw.telegram;

import dev.redraw.core.provider.Sleeper;
import dev.redraw.core.request.ChatServices;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;

/**
 * Telegram bots for benchmarks whose upstream answers at once. Production paces its sends within
 * Telegram's flood limits (a second apart per chat, 34 ms apart overall), and a job's status message
 * and its status edit take their slots the moment the job is queued and started. With a real model,
 * which takes seconds, those slots have long passed when the result comes; against an instant
 * upstream every result would wait behind its own job's status messages, which is the pacing's time,
 * not the bot's. These bots take their slots as production does but never wait for them: the pacer's
 * clock jumps over each wait instead, as if it had passed. (A pacer that merely skipped its sleeps
 * would let every chat's slots run minutes ahead of the clock during a run, and a status message,
 * which waits in short steps, would spin through thousands of steps each time.)
 */
public final class BenchTelegramBots {

    private BenchTelegramBots() {}

    public static TelegramBot unpaced(TelegramSettings settings, OkHttpClient http, ChatServices parts) {
        AtomicLong skipped = new AtomicLong();
        return new TelegramBot(
                settings,
                http,
                parts,
                Sleeper.REAL,
                TelegramBot.CALL_TIMEOUT,
                new SendPacer(
                        () -> System.nanoTime() + skipped.get(),
                        wait -> skipped.addAndGet(wait.toNanos()),
                        SendPacer.Listener.NONE,
                        Duration.ZERO));
    }
}
